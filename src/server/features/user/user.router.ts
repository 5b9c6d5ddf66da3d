import { router } from '../../trpc/trpc.ts'

export const userRouter = router({})
