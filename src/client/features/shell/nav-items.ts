import {
  Building2,
  FileSignature,
  FileUp,
  History,
  LayoutDashboard,
  ListChecks,
  Package,
  ShieldCheck,
  SquareKanban,
  Users,
  Webhook,
  type LucideIcon,
} from 'lucide-react'
import { can, type Action, type Role } from '../../../shared/permissions.ts'

export type SectionKey = 'organisations' | 'people' | 'pipeline' | 'mandates' | 'products' | 'tasks' | 'activities' | 'imports' | 'admin' | 'webhooks'

export interface NavItem {
  key: 'dashboard' | SectionKey
  to: '/' | `/${SectionKey}`
  icon: LucideIcon
  /** Hidden from roles that may not perform it; the server enforces it regardless. */
  requires?: Action
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', to: '/', icon: LayoutDashboard },
  { key: 'organisations', to: '/organisations', icon: Building2 },
  { key: 'people', to: '/people', icon: Users },
  { key: 'pipeline', to: '/pipeline', icon: SquareKanban },
  { key: 'mandates', to: '/mandates', icon: FileSignature },
  { key: 'products', to: '/products', icon: Package },
  { key: 'tasks', to: '/tasks', icon: ListChecks },
  { key: 'activities', to: '/activities', icon: History },
  { key: 'imports', to: '/imports', icon: FileUp, requires: 'data:import' },
  { key: 'admin', to: '/admin', icon: ShieldCheck, requires: 'users:manage' },
  { key: 'webhooks', to: '/webhooks', icon: Webhook, requires: 'webhooks:manage' },
]

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.requires || can(role, item.requires))
}

export function navItem(key: NavItem['key']): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.key === key)
  if (!item) throw new Error(`Unknown navigation item: ${key}`)
  return item
}
