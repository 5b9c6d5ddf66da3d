import type { Messages } from './fr.ts'
import { organisationMessages } from './features/organisation.ts'
import { personMessages } from './features/person.ts'
import { mandateMessages } from './features/mandate.ts'
import { productMessages } from './features/product.ts'
import { taskMessages } from './features/task.ts'
import { activityMessages } from './features/activity.ts'
import { activityListMessages } from './features/activity-list.ts'
import { adminMessages } from './features/admin.ts'
import { pipelineMessages } from './features/pipeline.ts'
import { notificationMessages } from './features/notification.ts'
import { collaborationMessages } from './features/collaboration.ts'
import { listMessages } from './features/list.ts'
import { importMessages } from './features/import.ts'
import { webhookMessages } from './features/webhook.ts'
import { exportMessages } from './features/export.ts'
import { dashboardMessages } from './features/dashboard.ts'
import { searchMessages } from './features/search.ts'
import { settingsMessages } from './features/settings.ts'
import { securityMessages } from './features/security.ts'

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
  toast: {
    undo: 'Undo',
    close: 'Dismiss notification',
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
    activities: 'Activities',
    imports: 'Imports',
    admin: 'Admin',
    webhooks: 'Webhooks',
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
    rateLimitedSeconds_one: 'Too many failed sign-in attempts. Try again in {{count}} second.',
    rateLimitedSeconds_other: 'Too many failed sign-in attempts. Try again in {{count}} seconds.',
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
    secondFactor: {
      code: 'Verification code',
      codeHelp: 'Enter the 6-digit code shown by your authenticator app.',
      recoveryCode: 'Recovery code',
      recoveryHelp: 'Enter one of your recovery codes. Each code works once.',
      submit: 'Verify',
      useRecovery: 'Use a recovery code',
      useCode: 'Use the app',
      back: 'Back',
      expired: 'The sign-in expired or too many wrong codes were entered. Enter your password again.',
      restart: 'Start signing in again',
    },
  },
  dashboard: {
    ...dashboardMessages.en,
    documentTitle: 'Dashboard',
    greeting: 'Hello, {{name}}',
    summary: '{{role}} · {{team}}',
    teamLabel: '{{team}} team',
    allTeams: 'All teams',
  },
  errors: {
    title: 'Something went wrong',
    unreachable: 'The server cannot be reached. Check your connection and try again.',
    server: 'The server ran into a problem. Please try again in a moment.',
    unknown: 'Something went wrong. Try again or go back to the home page.',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist or has moved.',
    notFoundCode: 'Error 404',
    crashTitle: 'Oops, the application ran into a problem',
    crashText: 'We have been told about it. Reload the page to pick up where you left off.',
    reload: 'Reload',
    reference: 'Incident reference: {{id}}',
  },
  organisation: organisationMessages.en,
  person: personMessages.en,
  mandate: mandateMessages.en,
  product: productMessages.en,
  task: taskMessages.en,
  activity: activityMessages.en,
  activityList: activityListMessages.en,
  admin: adminMessages.en,
  pipeline: pipelineMessages.en,
  notification: notificationMessages.en,
  collaboration: collaborationMessages.en,
  list: listMessages.en,
  search: searchMessages.en,
  security: securityMessages.en,
  import: importMessages.en,
  webhooks: webhookMessages.en,
  export: exportMessages.en,
  settings: settingsMessages.en,
}
