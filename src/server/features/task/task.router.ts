import { router } from '../../trpc/trpc.ts'

export const taskRouter = router({})
