import { useCallback, useState } from 'react'
import { Columns3 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Menu, MenuCheckboxItem, MenuGroup } from '../ui/menu.tsx'
import { buttonStyles } from '../ui/button.tsx'
import type { Column } from './data-table.tsx'

const storageKey = (list: string) => `alforis.columns.${list}`

function readHidden(list: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(list)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : []
  } catch {
    return []
  }
}

/** The columns a user hid in a list, remembered in this browser (a saved view can also set them). */
export function useHiddenColumns(list: string) {
  const [hidden, setHiddenState] = useState<ReadonlySet<string>>(() => new Set(readHidden(list)))
  const setHidden = useCallback(
    (keys: Iterable<string>) => {
      const next = new Set(keys)
      setHiddenState(next)
      try {
        localStorage.setItem(storageKey(list), JSON.stringify([...next]))
      } catch {
        // Storage is a convenience: private browsing or a full quota only forgets the choice.
      }
    },
    [list],
  )
  return { hidden, setHidden }
}

interface ColumnChoiceProps<Row> {
  columns: readonly Column<Row>[]
  hidden: ReadonlySet<string>
  onChange: (hidden: Set<string>) => void
}

/** A menu of tick boxes: which columns the table shows. */
export function ColumnChoice<Row>({ columns, hidden, onChange }: ColumnChoiceProps<Row>) {
  const { t } = useTranslation()
  return (
    <Menu
      label={t('list.columns')}
      align="end"
      triggerClassName={buttonStyles({ variant: 'secondary' })}
      trigger={
        <>
          <Columns3 aria-hidden className="size-4" />
          <span className="hidden sm:inline">{t('list.columns')}</span>
        </>
      }
    >
      <MenuGroup label={t('list.columnsShown')}>
        {columns
          .filter((column) => !column.primary)
          .map((column) => (
            <MenuCheckboxItem
              key={column.key}
              checked={!hidden.has(column.key)}
              onSelect={() => {
                const next = new Set(hidden)
                if (!next.delete(column.key)) next.add(column.key)
                onChange(next)
              }}
            >
              {column.label}
            </MenuCheckboxItem>
          ))}
      </MenuGroup>
    </Menu>
  )
}
