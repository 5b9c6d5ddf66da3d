import { router } from '../../trpc/trpc.ts'

export const interactionRouter = router({})
