/** Every module's routes, registered in this order. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { assessmentRoutes } from './assessment/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { deliverableRoutes } from './deliverables/routes.ts';
import { escalationRoutes } from './escalation/routes.ts';
import { extensionRoutes } from './extensions/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { sessionRoutes } from './session/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { userRoutes } from './users/routes.ts';

export type RegisterRoutes = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

export const MODULES: readonly RegisterRoutes[] = [
  sessionRoutes,
  userRoutes,
  orgRoutes,
  settingsRoutes,
  planRoutes,
  deliverableRoutes,
  reportRoutes,
  extensionRoutes,
  escalationRoutes,
  notificationRoutes,
  dashboardRoutes,
  calendarRoutes,
  auditRoutes,
  assessmentRoutes,
];
