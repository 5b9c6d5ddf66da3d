import { router } from '../../trpc/trpc.ts'

export const mandateRouter = router({})
