import { createRoute } from '@tanstack/react-router'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const tasksRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'tasks',
  component: () => <SectionPlaceholder section="tasks" />,
})
