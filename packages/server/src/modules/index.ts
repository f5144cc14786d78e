/** Every module's routes, registered in this order. A module adds itself here, one line. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { orgRoutes } from './orgs/routes.ts';
import { sessionRoutes } from './session/routes.ts';
import { userRoutes } from './users/routes.ts';

export type RegisterRoutes = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

export const MODULES: readonly RegisterRoutes[] = [sessionRoutes, userRoutes, orgRoutes];
