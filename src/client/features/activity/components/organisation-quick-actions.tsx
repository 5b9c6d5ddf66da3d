import { useState } from 'react'
import { FileSignature, ListTodo, UserPlus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { MandateFormDialog } from '../../mandate/components/mandate-form-dialog.tsx'
import { PersonFormDialog } from '../../person/components/person-form-dialog.tsx'
import { TaskFormDialog } from '../../task/components/task-form-dialog.tsx'
import { LogActivityButton } from './log-activity-button.tsx'

interface OrganisationQuickActionsProps {
  organisation: {
    id: string
    name: string
    type: string
    teamId: string
    personLinks: { person: { id: string; firstName: string; lastName: string } }[]
  }
}

/** Act from the organisation's page: log activity, add a contact, a task, or (with a supplier) a mandate. */
export function OrganisationQuickActions({ organisation }: OrganisationQuickActionsProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<'contact' | 'task' | 'mandate' | null>(null)
  const picked = { id: organisation.id, name: organisation.name }
  const contacts = organisation.personLinks.map(({ person }) => ({ id: person.id, name: `${person.firstName} ${person.lastName}` }))
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('activity.quick.label')} data-testid="organisation-actions">
      <LogActivityButton shortcut subject={{ teamId: organisation.teamId, organisation: picked, people: [], suggestedPeople: contacts }} />
      <Button variant="secondary" size="sm" onClick={() => setOpen('contact')}>
        <UserPlus aria-hidden className="size-4" />
        {t('activity.quick.addContact')}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setOpen('task')}>
        <ListTodo aria-hidden className="size-4" />
        {t('activity.quick.addTask')}
      </Button>
      {organisation.type === 'SUPPLIER' && (
        <Button variant="secondary" size="sm" onClick={() => setOpen('mandate')}>
          <FileSignature aria-hidden className="size-4" />
          {t('activity.quick.addMandate')}
        </Button>
      )}
      <PersonFormDialog open={open === 'contact'} onClose={() => setOpen(null)} organisation={picked} />
      <TaskFormDialog open={open === 'task'} onClose={() => setOpen(null)} about={{ organisation: picked }} />
      <MandateFormDialog open={open === 'mandate'} onClose={() => setOpen(null)} organisation={picked} />
    </div>
  )
}
