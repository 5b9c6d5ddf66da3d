import type { Messages } from './fr.ts'
import { organisationMessages } from './features/organisation.ts'
import { personMessages } from './features/person.ts'
import { mandateMessages } from './features/mandate.ts'
import { productMessages } from './features/product.ts'
import { taskMessages } from './features/task.ts'
import { adminMessages } from './features/admin.ts'
import { pipelineMessages } from './features/pipeline.ts'
import { notificationMessages } from './features/notification.ts'
import { collaborationMessages } from './features/collaboration.ts'

export const en: Messages = {
  app: {
    name: 'Alforis CRM',
    tagline: 'The real-time CRM for fund distribution',
    skipToContent: 'Skip to main content',
  },
  common: {
    retry: 'Try again',
    loading: 'Loading…',
    backHome: 'Back to home',
    required: 'This field is required',
  },
  roles: {
    ADMIN: 'Administrator',
    MANAGER: 'Manager',
    SALES: 'Sales',
    VIEWER: 'Viewer',
  },
  nav: {
    label: 'Main navigation',
    open: 'Open navigation',
    close: 'Close navigation',
    dashboard: 'Dashboard',
    organisations: 'Organisations',
    people: 'People',
    pipeline: 'Pipeline',
    mandates: 'Mandates',
    products: 'Products',
    tasks: 'Tasks',
    admin: 'Admin',
  },
  userMenu: {
    label: 'User menu',
    theme: 'Theme',
    language: 'Language',
    logout: 'Sign out',
    allTeams: 'All teams',
  },
  theme: {
    label: 'Theme',
    light: 'Light',
    dark: 'Dark',
    system: 'System',
  },
  language: {
    label: 'Language',
    fr: 'Français',
    en: 'English',
  },
  login: {
    documentTitle: 'Sign in',
    title: 'Sign in',
    subtitle: 'Access your Alforis workspace.',
    email: 'Email',
    emailPlaceholder: 'firstname.lastname@company.com',
    password: 'Password',
    showPassword: 'Show as plain text',
    hidePassword: 'Hide input',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalidCredentials: 'Incorrect email or password',
    rateLimited: 'Too many failed sign-in attempts. Try again in {{minutes}} minutes.',
    unreachable: 'The server cannot be reached. Check your connection and try again.',
    failed: 'Sign-in failed. Please try again in a moment.',
    heroTitle: 'Your distribution pipeline, live.',
    heroText:
      'Investors, asset managers, mandates and products in one workspace shared by your whole sales team.',
    previewStages: { prospect: 'Prospect', proposal: 'Proposal', won: 'Won' },
    heroPoints: {
      pipeline: 'A shared pipeline, updated live',
      collaboration: 'Edit together without overwriting each other',
      notifications: 'Instant notifications for your team',
    },
    footer: 'Access restricted to Alforis teams.',
  },
  dashboard: {
    documentTitle: 'Dashboard',
    greeting: 'Hello, {{name}}',
    summary: '{{role}} · {{team}}',
    teamLabel: '{{team}} team',
    allTeams: 'All teams',
    shortcuts: 'Shortcuts',
    access: {
      title: 'Your permissions',
      description: 'What your role allows you to do.',
      read: 'View records',
      write: 'Create and edit',
      delete: 'Delete',
      import: 'Import data',
      export: 'Export data',
      users: 'Manage users',
      allowed: 'Allowed',
      denied: 'Not allowed',
    },
  },
  sections: {
    organisations: {
      description: 'Investors, asset managers, distributors and partners.',
      emptyTitle: 'No organisations to show',
      emptyText: 'Organisations followed by your team will appear here.',
    },
    people: {
      description: 'The contacts at your organisations and their roles.',
      emptyTitle: 'No people to show',
      emptyText: "Your team's contacts will appear here.",
    },
    pipeline: {
      description: 'From prospecting to signature, stage by stage.',
      emptyTitle: 'The pipeline is empty',
      emptyText: 'Organisations being followed will appear here, by stage.',
    },
    mandates: {
      description: 'Distribution agreements signed with asset managers.',
      emptyTitle: 'No mandates to show',
      emptyText: 'Distribution mandates will appear here.',
    },
    products: {
      description: 'Funds, ETFs and SCPIs distributed, identified by their ISIN.',
      emptyTitle: 'No products to show',
      emptyText: 'Products covered by your mandates will appear here.',
    },
    tasks: {
      description: "Your team's follow-ups, meetings and deadlines.",
      emptyTitle: 'No tasks to show',
      emptyText: 'Tasks assigned to you will appear here.',
    },
    admin: {
      description: 'Users, teams, webhooks and data imports.',
      emptyTitle: 'Nothing to administer yet',
      emptyText: 'The users and teams you manage will appear here.',
    },
  },
  errors: {
    title: 'Something went wrong',
    unreachable: 'The server cannot be reached. Check your connection and try again.',
    server: 'The server ran into a problem. Please try again in a moment.',
    unknown: 'Something went wrong. Try again or go back to the home page.',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist or has moved.',
    notFoundCode: 'Error 404',
  },
  organisation: organisationMessages.en,
  person: personMessages.en,
  mandate: mandateMessages.en,
  product: productMessages.en,
  task: taskMessages.en,
  admin: adminMessages.en,
  pipeline: pipelineMessages.en,
  notification: notificationMessages.en,
  collaboration: collaborationMessages.en,
}
