import { organisationMessages } from './features/organisation.ts'
import { personMessages } from './features/person.ts'
import { mandateMessages } from './features/mandate.ts'
import { productMessages } from './features/product.ts'
import { taskMessages } from './features/task.ts'
import { adminMessages } from './features/admin.ts'
import { pipelineMessages } from './features/pipeline.ts'
import { notificationMessages } from './features/notification.ts'
import { collaborationMessages } from './features/collaboration.ts'
import { listMessages } from './features/list.ts'
import { importMessages } from './features/import.ts'
import { webhookMessages } from './features/webhook.ts'
import { exportMessages } from './features/export.ts'
import { activityMessages } from './features/activity.ts'
import { activityListMessages } from './features/activity-list.ts'
import { dashboardMessages } from './features/dashboard.ts'
import { searchMessages } from './features/search.ts'
import { settingsMessages } from './features/settings.ts'
import { securityMessages } from './features/security.ts'

// French is the reference locale: its shape types every other locale and every `t()` key.
export const fr = {
  app: {
    name: 'Alforis CRM',
    tagline: 'Le CRM temps réel de la distribution de fonds',
    skipToContent: 'Aller au contenu principal',
  },
  common: {
    retry: 'Réessayer',
    loading: 'Chargement…',
    backHome: "Retour à l'accueil",
    required: 'Ce champ est obligatoire',
  },
  toast: {
    undo: 'Annuler',
    close: 'Fermer la notification',
  },
  roles: {
    ADMIN: 'Administrateur',
    MANAGER: 'Manager',
    SALES: 'Commercial',
    VIEWER: 'Lecteur',
  },
  nav: {
    label: 'Navigation principale',
    open: 'Ouvrir la navigation',
    close: 'Fermer la navigation',
    dashboard: 'Tableau de bord',
    organisations: 'Organisations',
    people: 'Personnes',
    pipeline: 'Pipeline',
    mandates: 'Mandats',
    products: 'Produits',
    tasks: 'Tâches',
    activities: 'Activités',
    imports: 'Imports',
    admin: 'Admin',
    webhooks: 'Webhooks',
  },
  userMenu: {
    label: 'Menu utilisateur',
    theme: 'Thème',
    language: 'Langue',
    logout: 'Déconnexion',
    allTeams: 'Toutes les équipes',
  },
  theme: {
    label: 'Thème',
    light: 'Clair',
    dark: 'Sombre',
    system: 'Système',
  },
  language: {
    label: 'Langue',
    fr: 'Français',
    en: 'English',
  },
  login: {
    documentTitle: 'Connexion',
    title: 'Connexion',
    subtitle: 'Accédez à votre espace de travail Alforis.',
    email: 'E-mail',
    emailPlaceholder: 'prenom.nom@societe.fr',
    password: 'Mot de passe',
    showPassword: 'Afficher en clair',
    hidePassword: 'Masquer la saisie',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    invalidCredentials: 'E-mail ou mot de passe incorrect',
    rateLimited:
      'Trop de tentatives de connexion infructueuses. Réessayez dans {{minutes}} minutes.',
    rateLimitedSeconds_one: 'Trop de tentatives de connexion infructueuses. Réessayez dans {{count}} seconde.',
    rateLimitedSeconds_other: 'Trop de tentatives de connexion infructueuses. Réessayez dans {{count}} secondes.',
    unreachable: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
    failed: 'La connexion a échoué. Réessayez dans un instant.',
    heroTitle: 'Votre pipeline de distribution, en temps réel.',
    heroText:
      'Investisseurs, sociétés de gestion, mandats et produits réunis dans un espace partagé par toute votre équipe commerciale.',
    previewStages: { prospect: 'Prospect', proposal: 'Proposition', won: 'Gagné' },
    heroPoints: {
      pipeline: 'Pipeline partagé, mis à jour en direct',
      collaboration: 'Édition à plusieurs, sans écraser le travail des autres',
      notifications: 'Notifications instantanées pour votre équipe',
    },
    footer: 'Accès réservé aux équipes Alforis.',
    secondFactor: {
      code: 'Code de vérification',
      codeHelp: 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
      recoveryCode: 'Code de secours',
      recoveryHelp: 'Saisissez l’un de vos codes de secours. Chaque code ne sert qu’une fois.',
      submit: 'Vérifier',
      useRecovery: 'Utiliser un code de secours',
      useCode: 'Utiliser l’application',
      back: 'Retour',
      expired: 'La connexion a expiré ou trop de codes erronés ont été saisis. Saisissez à nouveau votre mot de passe.',
      restart: 'Recommencer la connexion',
    },
  },
  dashboard: {
    ...dashboardMessages.fr,
    documentTitle: 'Tableau de bord',
    greeting: 'Bonjour, {{name}}',
    summary: '{{role}} · {{team}}',
    teamLabel: 'Équipe {{team}}',
    allTeams: 'Toutes les équipes',
  },
  errors: {
    title: 'Une erreur est survenue',
    unreachable: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
    server: 'Le serveur a rencontré un problème. Réessayez dans un instant.',
    unknown: "Quelque chose s'est mal passé. Réessayez ou revenez à l'accueil.",
    notFoundTitle: 'Page introuvable',
    notFoundText: "La page demandée n'existe pas ou a été déplacée.",
    notFoundCode: 'Erreur 404',
    crashTitle: 'Oups, l’application a rencontré un problème',
    crashText: 'Nous en avons été informés. Rechargez la page pour reprendre là où vous en étiez.',
    reload: 'Recharger',
    reference: 'Référence de l’incident : {{id}}',
  },
  organisation: organisationMessages.fr,
  person: personMessages.fr,
  mandate: mandateMessages.fr,
  product: productMessages.fr,
  task: taskMessages.fr,
  activity: activityMessages.fr,
  activityList: activityListMessages.fr,
  admin: adminMessages.fr,
  pipeline: pipelineMessages.fr,
  notification: notificationMessages.fr,
  collaboration: collaborationMessages.fr,
  list: listMessages.fr,
  search: searchMessages.fr,
  security: securityMessages.fr,
  import: importMessages.fr,
  webhooks: webhookMessages.fr,
  export: exportMessages.fr,
  settings: settingsMessages.fr,
}

export type Messages = typeof fr
