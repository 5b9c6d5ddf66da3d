import { router } from '../../trpc/trpc.ts'

export const apiTokenRouter = router({})
