import { Moon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { PersonTag } from '../../../components/ui/person-tag.tsx'
import { cn } from '../../../lib/cn.ts'
import { usePresence, type Collaborator } from './use-organisation-presence.ts'

const MAX_AVATARS = 5

/** The label of a field someone edits: a form field name, translated. */
export function useFieldLabel() {
  const { t } = useTranslation()
  return (field: string) => t(`organisation.fields.${field as 'name'}`, { defaultValue: field })
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}

/** Everyone else on the organisation's page, and what they are editing ("Marie modifie : Nom"). */
export function PresenceBar() {
  const { t } = useTranslation()
  const { collaborators, connection } = usePresence()
  const fieldLabel = useFieldLabel()
  if (connection !== 'joined' || collaborators.length === 0) return null

  const shown = collaborators.slice(0, MAX_AVATARS)
  const hidden = collaborators.length - shown.length
  const editing = collaborators.filter((person) => person.field && person.status === 'active')
  const describe = (person: Collaborator) =>
    person.status === 'idle'
      ? t('collaboration.presence.idle', { name: person.name })
      : person.field
        ? t('collaboration.presence.editing', { name: person.name, field: fieldLabel(person.field) })
        : t('collaboration.presence.viewing', { name: person.name })

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5" data-testid="presence-bar">
      <ul className="flex -space-x-1.5" aria-label={t('collaboration.presence.label', { count: collaborators.length })}>
        {shown.map((person) => (
          <li
            key={person.userId}
            className="relative"
            title={describe(person)}
            data-testid="presence-avatar"
            data-user-id={person.userId}
            data-status={person.status}
            data-field={person.field ?? ''}
          >
            <Avatar
              name={person.name}
              color={person.color}
              className={cn(
                'size-8 ring-2 ring-white transition-opacity dark:ring-zinc-900',
                person.status === 'idle' && 'opacity-45 grayscale-[40%]',
              )}
            />
            {person.status === 'idle' && (
              <span className="absolute -right-0.5 -bottom-0.5 flex size-3.5 items-center justify-center rounded-full bg-zinc-100 ring-2 ring-white dark:bg-zinc-800 dark:ring-zinc-900">
                <Moon aria-hidden className="size-2.5 text-zinc-500 dark:text-zinc-400" />
              </span>
            )}
            <span className="sr-only">{describe(person)}</span>
          </li>
        ))}
        {hidden > 0 && (
          <li className="flex size-8 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700 ring-2 ring-white dark:bg-zinc-700 dark:text-zinc-200 dark:ring-zinc-900">
            +{hidden}
          </li>
        )}
      </ul>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite" data-testid="presence-summary">
        {editing.length > 0
          ? editing.map((person, index) => (
              <span key={person.userId}>
                {index > 0 && ' · '}
                <span className="font-medium" style={{ color: person.color }}>
                  {firstName(person.name)}
                </span>{' '}
                {t('collaboration.presence.edits', { field: fieldLabel(person.field!) })}
              </span>
            ))
          : collaborators.length === 1
            ? describe(collaborators[0])
            : t('collaboration.presence.alsoHere', { count: collaborators.length })}
      </p>
    </div>
  )
}

/** A small label on a field someone else is editing, in their colour. */
export function FieldPresenceTag({ people }: { people: Collaborator[] }) {
  const { t } = useTranslation()
  if (people.length === 0) return null
  return (
    <span className="flex gap-1" data-testid="field-presence">
      {people.map((person) => (
        <PersonTag
          key={person.userId}
          color={person.color}
          className="leading-4"
          title={t('collaboration.presence.editingThis', { name: person.name })}
        >
          {firstName(person.name)}
        </PersonTag>
      ))}
    </span>
  )
}
