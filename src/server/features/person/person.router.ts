import { router } from '../../trpc/trpc.ts'

export const personRouter = router({})
