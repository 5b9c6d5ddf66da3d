import { z } from 'zod'
import { idSchema } from './common.ts'
import { mandateStatus } from './mandate.ts'
import { pipelineStage } from './organisation.ts'
import { productStatus } from './product.ts'
import { taskPriority, taskStatus } from './task.ts'

/** Most records one bulk action may change: one transaction, one event per record, kept short. */
export const BULK_MAX = 200

/** The ticked records: at least one, at most BULK_MAX, each once. */
export const bulkIds = z
  .array(idSchema)
  .min(1, 'Select at least one record')
  .max(BULK_MAX, `At most ${BULK_MAX} records at once`)
  .transform((ids) => [...new Set(ids)])

const bulkTag = z.string().trim().min(1).max(40)

/** What a bulk action sets on every ticked organisation. */
export const organisationBulkPatch = z
  .object({
    ownerId: idSchema.nullable().optional(),
    stage: pipelineStage.optional(),
    isActive: z.boolean().optional(),
    addTags: z.array(bulkTag).min(1).max(10).optional(),
    removeTags: z.array(bulkTag).min(1).max(10).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'Nothing to change' })
export type OrganisationBulkPatch = z.infer<typeof organisationBulkPatch>

export const organisationBulkUpdateInput = z.object({ ids: bulkIds, patch: organisationBulkPatch })
export type OrganisationBulkUpdateInput = z.input<typeof organisationBulkUpdateInput>

export const organisationBulkDeleteInput = z.object({ ids: bulkIds })

/** The fields a bulk action changes, as they were: what "Annuler" puts back, record by record. */
export const organisationBulkFields = z.object({
  ownerId: idSchema.nullable(),
  stage: pipelineStage,
  isActive: z.boolean(),
  tags: z.array(bulkTag).max(20),
})
export type OrganisationBulkFields = z.infer<typeof organisationBulkFields>

export const organisationBulkRestoreInput = z.object({
  items: z
    .array(z.object({ id: idSchema, fields: organisationBulkFields.partial() }))
    .min(1)
    .max(BULK_MAX, `At most ${BULK_MAX} records at once`),
})

/** The three inputs of a list's bulk actions, from what a patch sets and the fields an undo puts back. */
function bulkInputs<Patch extends z.ZodType, Fields extends z.ZodObject>(patch: Patch, fields: Fields) {
  return {
    update: z.object({ ids: bulkIds, patch }),
    restore: z.object({
      items: z
        .array(z.object({ id: idSchema, fields: fields.partial() }))
        .min(1)
        .max(BULK_MAX, `At most ${BULK_MAX} records at once`),
    }),
    delete: z.object({ ids: bulkIds }),
  }
}

const somethingToChange = <T extends object>(patch: T) => Object.values(patch).some((value) => value !== undefined)

/** People: assign an owner. */
export const personBulkFields = z.object({ ownerId: idSchema.nullable() })
export type PersonBulkFields = z.infer<typeof personBulkFields>
export const personBulk = bulkInputs(personBulkFields.partial().refine(somethingToChange, { message: 'nothing_to_update' }), personBulkFields)

/** Tasks: assign, set the status (done, reopened, cancelled) or the priority. */
export const taskBulkFields = z.object({ assigneeId: idSchema.nullable(), status: taskStatus, priority: taskPriority })
export type TaskBulkFields = z.infer<typeof taskBulkFields>
export const taskBulk = bulkInputs(taskBulkFields.partial().refine(somethingToChange, { message: 'nothing_to_update' }), taskBulkFields)

/** Mandates: assign an owner, set the status. */
export const mandateBulkFields = z.object({ ownerId: idSchema.nullable(), status: mandateStatus })
export type MandateBulkFields = z.infer<typeof mandateBulkFields>
export const mandateBulk = bulkInputs(mandateBulkFields.partial().refine(somethingToChange, { message: 'nothing_to_update' }), mandateBulkFields)

/** Products: set the status (active, suspended, closed). */
export const productBulkFields = z.object({ status: productStatus })
export type ProductBulkFields = z.infer<typeof productBulkFields>
export const productBulk = bulkInputs(productBulkFields.partial().refine(somethingToChange, { message: 'nothing_to_update' }), productBulkFields)
