import { z } from 'zod'
import { idSchema, pageInput, requiredText, sortDirection } from './common.ts'

const teamFields = { name: requiredText(100) }

export const teamCreateInput = z.object(teamFields)
export type TeamCreateInput = z.input<typeof teamCreateInput>

export const teamUpdateInput = z.object({ id: idSchema, data: z.object(teamFields) })
export type TeamUpdateInput = z.input<typeof teamUpdateInput>

export const teamDeleteInput = z.object({ id: idSchema })

export const teamListInput = z.object({
  ...pageInput,
  q: z.string().trim().max(100).optional(),
  sort: z
    .object({ field: z.enum(['name', 'createdAt']), direction: sortDirection })
    .default({ field: 'name', direction: 'asc' }),
})
export type TeamListInput = z.input<typeof teamListInput>
