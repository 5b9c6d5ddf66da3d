import { useState } from 'react'
import { ListTodo } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { TaskFormDialog } from '../../task/components/task-form-dialog.tsx'
import { LogActivityButton } from './log-activity-button.tsx'

interface PersonQuickActionsProps {
  person: {
    id: string
    firstName: string
    lastName: string
    teamId: string
    organisationLinks: { isPrimary: boolean; organisation: { id: string; name: string } }[]
  }
}

/** Act from the person's page: log activity with them (and their main organisation), add a task about them. */
export function PersonQuickActions({ person }: PersonQuickActionsProps) {
  const { t } = useTranslation()
  const [addingTask, setAddingTask] = useState(false)
  const main = person.organisationLinks.find((link) => link.isPrimary) ?? person.organisationLinks[0]
  const organisation = main ? { id: main.organisation.id, name: main.organisation.name } : null
  return (
    <>
      <LogActivityButton
        shortcut
        subject={{ teamId: person.teamId, organisation, people: [{ id: person.id, name: `${person.firstName} ${person.lastName}` }] }}
      />
      <Button variant="secondary" size="sm" onClick={() => setAddingTask(true)}>
        <ListTodo aria-hidden className="size-4" />
        {t('activity.quick.addTask')}
      </Button>
      <TaskFormDialog open={addingTask} onClose={() => setAddingTask(false)} about={{ organisation, personId: person.id }} />
    </>
  )
}
