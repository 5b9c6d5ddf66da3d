import { router } from '../../trpc/trpc.ts'

export const productRouter = router({})
