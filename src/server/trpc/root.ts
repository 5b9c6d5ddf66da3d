import { authRouter } from '../features/auth/auth.router.ts'
import { organisationRouter } from '../features/organisation/organisation.router.ts'
import { personRouter } from '../features/person/person.router.ts'
import { mandateRouter } from '../features/mandate/mandate.router.ts'
import { productRouter } from '../features/product/product.router.ts'
import { interactionRouter } from '../features/interaction/interaction.router.ts'
import { taskRouter } from '../features/task/task.router.ts'
import { userRouter } from '../features/user/user.router.ts'
import { teamRouter } from '../features/team/team.router.ts'
import { apiTokenRouter } from '../features/api-token/api-token.router.ts'
import { pipelineRouter } from '../features/pipeline/pipeline.router.ts'
import { notificationRouter } from '../features/notification/notification.router.ts'
import { savedViewRouter } from '../features/saved-view/saved-view.router.ts'
import { importRouter } from '../features/import/import.router.ts'
import { webhookRouter } from '../features/webhook/webhook.router.ts'
import { exportRouter } from '../features/export/export.router.ts'
import { dashboardRouter } from '../features/dashboard/dashboard.router.ts'
import { searchRouter } from '../features/search/search.router.ts'
import { settingsRouter } from '../features/settings/settings.router.ts'
import { securityRouter } from '../features/security/security.router.ts'
import { createCallerFactory, router } from './trpc.ts'

export const appRouter = router({
  auth: authRouter,
  organisations: organisationRouter,
  people: personRouter,
  mandates: mandateRouter,
  products: productRouter,
  interactions: interactionRouter,
  tasks: taskRouter,
  users: userRouter,
  teams: teamRouter,
  apiTokens: apiTokenRouter,
  pipeline: pipelineRouter,
  notifications: notificationRouter,
  savedViews: savedViewRouter,
  imports: importRouter,
  webhooks: webhookRouter,
  exports: exportRouter,
  dashboard: dashboardRouter,
  search: searchRouter,
  settings: settingsRouter,
  security: securityRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
