import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '../../../components/ui/table.tsx'
import { cn } from '../../../lib/cn.ts'
import { fullName, type PersonSummary } from '../person-display.ts'

interface PeopleTableProps {
  people: PersonSummary[]
  /** Rows of the previous filters, shown dimmed while the new ones load. */
  stale?: boolean
}

const muted = <span className="text-zinc-400 dark:text-zinc-500">—</span>

export function PeopleTable({ people, stale = false }: PeopleTableProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Table className={cn('transition-opacity', stale && 'opacity-60')} data-testid="people-table">
      <TableHead>
        <tr>
          <TableHeaderCell>{t('person.columns.name')}</TableHeaderCell>
          <TableHeaderCell>{t('person.columns.organisation')}</TableHeaderCell>
          <TableHeaderCell>{t('person.columns.jobTitle')}</TableHeaderCell>
          <TableHeaderCell>{t('person.columns.contact')}</TableHeaderCell>
          <TableHeaderCell className="hidden 2xl:table-cell">{t('person.columns.owner')}</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {people.map((person) => (
          <TableRow
            key={person.id}
            interactive
            onClick={() => void navigate({ to: '/people/$id', params: { id: person.id } })}
          >
            <TableCell>
              <span className="flex items-center gap-3">
                <Avatar name={fullName(person)} />
                <Link
                  to="/people/$id"
                  params={{ id: person.id }}
                  onClick={(event) => event.stopPropagation()}
                  className={cn(
                    'rounded font-medium whitespace-nowrap text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
                    focusRing,
                  )}
                >
                  {fullName(person)}
                </Link>
              </span>
            </TableCell>
            <TableCell>
              {person.primaryOrganisation ? (
                <Link
                  to="/organisations/$id"
                  params={{ id: person.primaryOrganisation.id }}
                  onClick={(event) => event.stopPropagation()}
                  className={cn('rounded hover:text-indigo-600 dark:hover:text-indigo-400', focusRing)}
                >
                  {person.primaryOrganisation.name}
                </Link>
              ) : (
                muted
              )}
            </TableCell>
            <TableCell className="min-w-40">{person.jobTitle ?? muted}</TableCell>
            <TableCell className="max-w-64">
              {person.email || person.phone ? (
                <span className="flex flex-col">
                  {person.email && <span className="truncate">{person.email}</span>}
                  {person.phone && (
                    <span
                      className={cn(
                        'whitespace-nowrap',
                        person.email && 'text-xs text-zinc-500 dark:text-zinc-400',
                      )}
                    >
                      {person.phone}
                    </span>
                  )}
                </span>
              ) : (
                muted
              )}
            </TableCell>
            <TableCell className="hidden whitespace-nowrap 2xl:table-cell">{person.owner?.name ?? muted}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
