import { router } from '../../trpc/trpc.ts'

export const teamRouter = router({})
