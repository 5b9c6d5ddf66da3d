import type { z } from 'zod'
import { PIPELINE_STAGES, STAGE_PROBABILITY } from '../../../shared/pipeline.ts'
import type { ExportEntity } from '../../../shared/schemas/export.ts'
import { interactionListInput, INTERACTION_KINDS } from '../../../shared/schemas/interaction.ts'
import { mandateListInput, MANDATE_STATUSES } from '../../../shared/schemas/mandate.ts'
import { organisationListInput } from '../../../shared/schemas/organisation.ts'
import { personListInput } from '../../../shared/schemas/person.ts'
import { productListInput, PRODUCT_KINDS } from '../../../shared/schemas/product.ts'
import { taskListInput, TASK_STATUSES } from '../../../shared/schemas/task.ts'
import type { Prisma } from '../../db/client.ts'
import { interactionListQuery } from '../interaction/interaction.service.ts'
import { mandateListQuery } from '../mandate/mandate.service.ts'
import { organisationListQuery } from '../organisation/organisation.service.ts'
import { listBatches } from '../paging.ts'
import { personListQuery } from '../person/person.service.ts'
import { productListQuery } from '../product/product.service.ts'
import type { ServiceContext } from '../scope.ts'
import { taskListQuery } from '../task/task.service.ts'
import type { CellValue, ColumnKind } from './export.format.ts'
import type { ExportLabels } from './export.labels.ts'
import { arrayRowsReader, listBatchesSql, organisationListSql } from './export.sql.ts'

// What each list exports: its rows (the list's own query, streamed), its columns with related
// records by name, and how its summary sheet groups them. Filters, sort and scope are the list's.

export interface ExportColumn<R> {
  key: keyof ExportLabels['columns']
  kind: ColumnKind
  /** Width in characters, for the spreadsheet and (relative) for the PDF. */
  width: number
  /** Shown in the PDF report, which cannot fit every column on a page. */
  pdf?: boolean
  value(row: R, labels: ExportLabels): CellValue
}

export interface ExportSummary<R> {
  /** The group a row counts in (a stage, a status…), or null for none. */
  group(row: R, labels: ExportLabels): string
  /** Groups in display order; absent: by count, largest first. */
  order?: readonly string[]
  label(group: string, labels: ExportLabels): string
  /** Organisations: potential amount, and the stage probability that weights it. */
  amount?(row: R): number | null
  probability?: Record<string, number>
}

export interface ExportDefinition<R = unknown> {
  entity: ExportEntity
  /** The list's own input schema: the export takes exactly the list's filters and sort. */
  input: z.ZodType<{ sort?: { field: string; direction: string } } & Record<string, unknown>>
  count(ctx: ServiceContext, input: never): Promise<number>
  batches(ctx: ServiceContext, input: never, batchSize: number, signal: AbortSignal): AsyncGenerator<R[]>
  columns: ExportColumn<R>[]
  summary: ExportSummary<R>
}

const named = { select: { name: true } } as const
const name = (relation: { name: string } | null) => relation?.name ?? null
const fullName = (person: { firstName: string; lastName: string } | null) => (person ? `${person.firstName} ${person.lastName}` : null)
const enumLabel = (labels: ExportLabels, set: string, value: string) => labels.enums[set]?.[value] ?? value

type Named = { name: string } | null
type NameModel = 'user' | 'team'
/** Rows with their users and teams by name: `owner: ['ownerId', 'user']` adds `owner`. */
type WithNames<R, K extends string> = R & Record<K, Named>

/**
 * Users and teams by name, read once per export instead of with every batch: Prisma reads a relation
 * with one parameter per row (2,000 ids of the same few users and teams, per batch and relation).
 * The rows are extended in place with `{ name }` (or null), as a relation select would.
 */
async function* withNames<R extends Record<string, unknown>, K extends string>(
  ctx: ServiceContext,
  batches: AsyncGenerator<R[]>,
  links: Record<K, readonly [idField: keyof R & string, model: NameModel]>,
): AsyncGenerator<WithNames<R, K>[]> {
  const known: Record<NameModel, Map<string, Named>> = { user: new Map(), team: new Map() }
  const entries = Object.entries(links) as Array<[K, readonly [keyof R & string, NameModel]]>
  const resolved = entries.map(([key, [field, model]]) => ({ key, field, names: known[model] }))
  for await (const batch of batches) {
    for (const model of ['user', 'team'] as const) {
      const missing = new Set<string>()
      for (const [, [field, linked]] of entries) {
        if (linked !== model) continue
        for (const row of batch) {
          const id = row[field] as string | null
          if (id && !known[model].has(id)) missing.add(id)
        }
      }
      if (missing.size === 0) continue
      const query = { where: { id: { in: [...missing] } }, select: { id: true, name: true } }
      const found = model === 'user' ? await ctx.prisma.user.findMany(query) : await ctx.prisma.team.findMany(query)
      for (const { id, name } of found) known[model].set(id, { name })
    }
    for (const row of batch) {
      for (const { key, field, names } of resolved) {
        const id = row[field] as string | null
        ;(row as Record<string, unknown>)[key] = id ? (names.get(id) ?? null) : null
      }
    }
    yield batch as WithNames<R, K>[]
  }
}

const organisationSelect = {
  id: true,
  name: true,
  type: true,
  category: true,
  stage: true,
  potentialAmount: true,
  email: true,
  phone: true,
  website: true,
  city: true,
  country: true,
  isActive: true,
  tags: true,
  createdAt: true,
  updatedAt: true,
  ownerId: true,
  teamId: true,
} satisfies Prisma.OrganisationSelect
type OrganisationRow = WithNames<Prisma.OrganisationGetPayload<{ select: typeof organisationSelect }>, 'owner' | 'team'>

const organisations: ExportDefinition<OrganisationRow> = {
  entity: 'organisations',
  input: organisationListInput,
  count: (ctx, input: z.output<typeof organisationListInput>) =>
    ctx.prisma.organisation.count({ where: organisationListQuery(ctx, input).where }),
  batches: (ctx, input: z.output<typeof organisationListInput>, batchSize, signal) => {
    const links = { owner: ['ownerId', 'user'], team: ['teamId', 'team'] } as const
    const reader = arrayRowsReader(ctx.sql)
    const sql = reader && organisationListSql(ctx, input, Object.keys(organisationSelect))
    const rows: AsyncGenerator<Prisma.OrganisationGetPayload<{ select: typeof organisationSelect }>[]> =
      reader && sql
        ? listBatchesSql(reader, { ...sql, filledLater: Object.keys(links), batchSize, signal })
        : listBatches(ctx.prisma.organisation, { ...organisationListQuery(ctx, input), select: organisationSelect, batchSize, signal })
    return withNames(ctx, rows, links)
  },
  columns: [
    { key: 'name', kind: 'text', width: 34, pdf: true, value: (row) => row.name },
    { key: 'type', kind: 'text', width: 14, pdf: true, value: (row, labels) => enumLabel(labels, 'type', row.type) },
    { key: 'category', kind: 'text', width: 16, value: (row) => row.category },
    { key: 'stage', kind: 'text', width: 14, pdf: true, value: (row, labels) => enumLabel(labels, 'stage', row.stage) },
    { key: 'potentialAmount', kind: 'currency', width: 16, pdf: true, value: (row) => row.potentialAmount },
    { key: 'owner', kind: 'text', width: 20, pdf: true, value: (row) => name(row.owner) },
    { key: 'team', kind: 'text', width: 14, value: (row) => name(row.team) },
    { key: 'email', kind: 'text', width: 28, value: (row) => row.email },
    { key: 'phone', kind: 'text', width: 18, value: (row) => row.phone },
    { key: 'website', kind: 'text', width: 26, value: (row) => row.website },
    { key: 'city', kind: 'text', width: 16, pdf: true, value: (row) => row.city },
    { key: 'country', kind: 'text', width: 8, value: (row) => row.country },
    { key: 'isActive', kind: 'text', width: 8, value: (row, labels) => (row.isActive ? labels.yes : labels.no) },
    { key: 'tags', kind: 'text', width: 20, value: (row) => row.tags.join(', ') || null },
    { key: 'createdAt', kind: 'datetime', width: 17, value: (row) => row.createdAt },
    { key: 'updatedAt', kind: 'datetime', width: 17, pdf: true, value: (row) => row.updatedAt },
  ],
  summary: {
    group: (row) => row.stage,
    order: PIPELINE_STAGES,
    label: (stage, labels) => enumLabel(labels, 'stage', stage),
    amount: (row) => row.potentialAmount,
    probability: STAGE_PROBABILITY,
  },
}

const personSelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  jobTitle: true,
  createdAt: true,
  updatedAt: true,
  ownerId: true,
  teamId: true,
  organisationLinks: {
    orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
    select: { organisation: named },
  },
} satisfies Prisma.PersonSelect
type PersonRow = WithNames<Prisma.PersonGetPayload<{ select: typeof personSelect }>, 'owner' | 'team'>

const people: ExportDefinition<PersonRow> = {
  entity: 'people',
  input: personListInput,
  count: (ctx, input: z.output<typeof personListInput>) => ctx.prisma.person.count({ where: personListQuery(ctx, input).where }),
  batches: (ctx, input: z.output<typeof personListInput>, batchSize, signal) =>
    withNames(
      ctx,
      listBatches(ctx.prisma.person, { ...personListQuery(ctx, input), select: personSelect, batchSize, signal }),
      { owner: ['ownerId', 'user'], team: ['teamId', 'team'] },
    ),
  columns: [
    { key: 'lastName', kind: 'text', width: 20, pdf: true, value: (row) => row.lastName },
    { key: 'firstName', kind: 'text', width: 18, pdf: true, value: (row) => row.firstName },
    { key: 'jobTitle', kind: 'text', width: 22, pdf: true, value: (row) => row.jobTitle },
    {
      key: 'organisations',
      kind: 'text',
      width: 34,
      pdf: true,
      value: (row) => row.organisationLinks.map((link) => link.organisation.name).join(', ') || null,
    },
    { key: 'email', kind: 'text', width: 28, pdf: true, value: (row) => row.email },
    { key: 'phone', kind: 'text', width: 18, pdf: true, value: (row) => row.phone },
    { key: 'owner', kind: 'text', width: 20, pdf: true, value: (row) => name(row.owner) },
    { key: 'team', kind: 'text', width: 14, value: (row) => name(row.team) },
    { key: 'createdAt', kind: 'datetime', width: 17, value: (row) => row.createdAt },
    { key: 'updatedAt', kind: 'datetime', width: 17, value: (row) => row.updatedAt },
  ],
  summary: {
    group: (row, labels) => row.owner?.name ?? labels.none,
    label: (owner) => owner,
  },
}

const mandateSelect = {
  id: true,
  reference: true,
  type: true,
  status: true,
  startDate: true,
  endDate: true,
  signedAt: true,
  createdAt: true,
  updatedAt: true,
  organisation: named,
  ownerId: true,
  teamId: true,
  products: { orderBy: { product: { name: 'asc' } }, select: { product: named } },
} satisfies Prisma.MandateSelect
type MandateRow = WithNames<Prisma.MandateGetPayload<{ select: typeof mandateSelect }>, 'owner' | 'team'>

const mandates: ExportDefinition<MandateRow> = {
  entity: 'mandates',
  input: mandateListInput,
  count: (ctx, input: z.output<typeof mandateListInput>) => ctx.prisma.mandate.count({ where: mandateListQuery(ctx, input).where }),
  batches: (ctx, input: z.output<typeof mandateListInput>, batchSize, signal) =>
    withNames(
      ctx,
      listBatches(ctx.prisma.mandate, { ...mandateListQuery(ctx, input), select: mandateSelect, batchSize, signal }),
      { owner: ['ownerId', 'user'], team: ['teamId', 'team'] },
    ),
  columns: [
    { key: 'reference', kind: 'text', width: 18, pdf: true, value: (row) => row.reference },
    { key: 'organisation', kind: 'text', width: 30, pdf: true, value: (row) => row.organisation.name },
    { key: 'type', kind: 'text', width: 16, pdf: true, value: (row, labels) => enumLabel(labels, 'mandateType', row.type) },
    { key: 'status', kind: 'text', width: 16, pdf: true, value: (row, labels) => enumLabel(labels, 'mandateStatus', row.status) },
    { key: 'startDate', kind: 'date', width: 12, pdf: true, value: (row) => row.startDate },
    { key: 'endDate', kind: 'date', width: 12, pdf: true, value: (row) => row.endDate },
    { key: 'signedAt', kind: 'datetime', width: 17, value: (row) => row.signedAt },
    {
      key: 'products',
      kind: 'text',
      width: 36,
      pdf: true,
      value: (row) => row.products.map((link) => link.product.name).join(', ') || null,
    },
    { key: 'owner', kind: 'text', width: 20, pdf: true, value: (row) => name(row.owner) },
    { key: 'team', kind: 'text', width: 14, value: (row) => name(row.team) },
    { key: 'updatedAt', kind: 'datetime', width: 17, value: (row) => row.updatedAt },
  ],
  summary: {
    group: (row) => row.status,
    order: MANDATE_STATUSES,
    label: (status, labels) => enumLabel(labels, 'mandateStatus', status),
  },
}

const productSelect = {
  id: true,
  name: true,
  isin: true,
  kind: true,
  status: true,
  currency: true,
  createdAt: true,
  updatedAt: true,
  teamId: true,
  _count: { select: { mandates: true } },
} satisfies Prisma.ProductSelect
type ProductRow = WithNames<Prisma.ProductGetPayload<{ select: typeof productSelect }>, 'team'>

const products: ExportDefinition<ProductRow> = {
  entity: 'products',
  input: productListInput,
  count: (ctx, input: z.output<typeof productListInput>) => ctx.prisma.product.count({ where: productListQuery(ctx, input).where }),
  batches: (ctx, input: z.output<typeof productListInput>, batchSize, signal) =>
    withNames(
      ctx,
      listBatches(ctx.prisma.product, { ...productListQuery(ctx, input), select: productSelect, batchSize, signal }),
      { team: ['teamId', 'team'] },
    ),
  columns: [
    { key: 'name', kind: 'text', width: 34, pdf: true, value: (row) => row.name },
    { key: 'isin', kind: 'text', width: 15, pdf: true, value: (row) => row.isin },
    { key: 'kind', kind: 'text', width: 10, pdf: true, value: (row, labels) => enumLabel(labels, 'productKind', row.kind) },
    { key: 'status', kind: 'text', width: 12, pdf: true, value: (row, labels) => enumLabel(labels, 'productStatus', row.status) },
    { key: 'currency', kind: 'text', width: 8, pdf: true, value: (row) => row.currency },
    { key: 'mandateCount', kind: 'number', width: 10, pdf: true, value: (row) => row._count.mandates },
    { key: 'team', kind: 'text', width: 14, value: (row) => name(row.team) },
    { key: 'updatedAt', kind: 'datetime', width: 17, pdf: true, value: (row) => row.updatedAt },
  ],
  summary: {
    group: (row) => row.kind,
    order: PRODUCT_KINDS,
    label: (kind, labels) => enumLabel(labels, 'productKind', kind),
  },
}

const taskSelect = {
  id: true,
  title: true,
  dueAt: true,
  priority: true,
  status: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  assigneeId: true,
  organisation: named,
  person: { select: { firstName: true, lastName: true } },
  teamId: true,
} satisfies Prisma.TaskSelect
type TaskRow = WithNames<Prisma.TaskGetPayload<{ select: typeof taskSelect }>, 'assignee' | 'team'>

const tasks: ExportDefinition<TaskRow> = {
  entity: 'tasks',
  input: taskListInput,
  count: (ctx, input: z.output<typeof taskListInput>) => ctx.prisma.task.count({ where: taskListQuery(ctx, input).where }),
  batches: (ctx, input: z.output<typeof taskListInput>, batchSize, signal) =>
    withNames(
      ctx,
      listBatches(ctx.prisma.task, { ...taskListQuery(ctx, input), select: taskSelect, batchSize, signal }),
      { assignee: ['assigneeId', 'user'], team: ['teamId', 'team'] },
    ),
  columns: [
    { key: 'title', kind: 'text', width: 36, pdf: true, value: (row) => row.title },
    { key: 'dueAt', kind: 'datetime', width: 17, pdf: true, value: (row) => row.dueAt },
    { key: 'priority', kind: 'text', width: 11, pdf: true, value: (row, labels) => enumLabel(labels, 'taskPriority', row.priority) },
    { key: 'status', kind: 'text', width: 12, pdf: true, value: (row, labels) => enumLabel(labels, 'taskStatus', row.status) },
    { key: 'assignee', kind: 'text', width: 20, pdf: true, value: (row) => name(row.assignee) },
    { key: 'organisation', kind: 'text', width: 28, pdf: true, value: (row) => name(row.organisation) },
    { key: 'person', kind: 'text', width: 22, pdf: true, value: (row) => fullName(row.person) },
    { key: 'team', kind: 'text', width: 14, value: (row) => name(row.team) },
    { key: 'completedAt', kind: 'datetime', width: 17, value: (row) => row.completedAt },
    { key: 'updatedAt', kind: 'datetime', width: 17, value: (row) => row.updatedAt },
  ],
  summary: {
    group: (row) => row.status,
    order: TASK_STATUSES,
    label: (status, labels) => enumLabel(labels, 'taskStatus', status),
  },
}

const interactionSelect = {
  id: true,
  kind: true,
  occurredAt: true,
  summary: true,
  createdAt: true,
  authorId: true,
  organisation: named,
  teamId: true,
  people: {
    orderBy: [{ person: { lastName: 'asc' } }, { person: { firstName: 'asc' } }],
    select: { person: { select: { firstName: true, lastName: true } } },
  },
} satisfies Prisma.InteractionSelect
type InteractionRow = WithNames<Prisma.InteractionGetPayload<{ select: typeof interactionSelect }>, 'author' | 'team'>

const interactions: ExportDefinition<InteractionRow> = {
  entity: 'interactions',
  input: interactionListInput,
  count: (ctx, input: z.output<typeof interactionListInput>) =>
    ctx.prisma.interaction.count({ where: interactionListQuery(ctx, input).where }),
  batches: (ctx, input: z.output<typeof interactionListInput>, batchSize, signal) =>
    withNames(
      ctx,
      listBatches(ctx.prisma.interaction, { ...interactionListQuery(ctx, input), select: interactionSelect, batchSize, signal }),
      { author: ['authorId', 'user'], team: ['teamId', 'team'] },
    ),
  columns: [
    { key: 'occurredAt', kind: 'datetime', width: 17, pdf: true, value: (row) => row.occurredAt },
    { key: 'kind', kind: 'text', width: 13, pdf: true, value: (row, labels) => enumLabel(labels, 'interactionKind', row.kind) },
    { key: 'summary', kind: 'text', width: 44, pdf: true, value: (row) => row.summary },
    { key: 'organisation', kind: 'text', width: 28, pdf: true, value: (row) => name(row.organisation) },
    {
      key: 'people',
      kind: 'text',
      width: 30,
      pdf: true,
      value: (row) => row.people.map((link) => fullName(link.person)).join(', ') || null,
    },
    { key: 'author', kind: 'text', width: 20, pdf: true, value: (row) => name(row.author) },
    { key: 'team', kind: 'text', width: 14, value: (row) => name(row.team) },
  ],
  summary: {
    group: (row) => row.kind,
    order: INTERACTION_KINDS,
    label: (kind, labels) => enumLabel(labels, 'interactionKind', kind),
  },
}

export const EXPORT_DEFINITIONS: Record<ExportEntity, ExportDefinition> = {
  organisations,
  people,
  mandates,
  products,
  tasks,
  interactions,
} as unknown as Record<ExportEntity, ExportDefinition>
