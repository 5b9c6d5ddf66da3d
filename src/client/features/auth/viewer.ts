import type { RouterOutputs } from '../../lib/trpc.ts'

export type Viewer = NonNullable<RouterOutputs['auth']['me']>
