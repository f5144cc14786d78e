import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

/** Routes of this module (to be written; see issue 3). */
export async function planRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
