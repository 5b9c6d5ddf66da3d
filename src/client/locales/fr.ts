import { organisationMessages } from './features/organisation.ts'
import { personMessages } from './features/person.ts'
import { mandateMessages } from './features/mandate.ts'
import { productMessages } from './features/product.ts'
import { taskMessages } from './features/task.ts'
import { adminMessages } from './features/admin.ts'
import { pipelineMessages } from './features/pipeline.ts'
import { notificationMessages } from './features/notification.ts'
import { collaborationMessages } from './features/collaboration.ts'

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
    admin: 'Admin',
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
  },
  dashboard: {
    documentTitle: 'Tableau de bord',
    greeting: 'Bonjour, {{name}}',
    summary: '{{role}} · {{team}}',
    teamLabel: 'Équipe {{team}}',
    allTeams: 'Toutes les équipes',
    shortcuts: 'Accès rapides',
    access: {
      title: 'Vos droits',
      description: 'Ce que votre rôle vous permet de faire.',
      read: 'Consulter les fiches',
      write: 'Créer et modifier',
      delete: 'Supprimer',
      import: 'Importer des données',
      export: 'Exporter des données',
      users: 'Gérer les utilisateurs',
      allowed: 'Autorisé',
      denied: 'Non autorisé',
    },
  },
  sections: {
    organisations: {
      description: 'Investisseurs, sociétés de gestion, distributeurs et partenaires.',
      emptyTitle: 'Aucune organisation à afficher',
      emptyText: 'Les organisations suivies par votre équipe apparaîtront ici.',
    },
    people: {
      description: 'Les contacts de vos organisations et leurs rôles.',
      emptyTitle: 'Aucune personne à afficher',
      emptyText: 'Les contacts de votre équipe apparaîtront ici.',
    },
    pipeline: {
      description: 'De la prospection à la signature, étape par étape.',
      emptyTitle: 'Le pipeline est vide',
      emptyText: 'Les organisations en cours de suivi apparaîtront ici, par étape.',
    },
    mandates: {
      description: 'Les accords de distribution signés avec les sociétés de gestion.',
      emptyTitle: 'Aucun mandat à afficher',
      emptyText: 'Les mandats de distribution apparaîtront ici.',
    },
    products: {
      description: 'Fonds, ETF et SCPI distribués, identifiés par leur code ISIN.',
      emptyTitle: 'Aucun produit à afficher',
      emptyText: 'Les produits couverts par vos mandats apparaîtront ici.',
    },
    tasks: {
      description: 'Relances, rendez-vous et échéances de votre équipe.',
      emptyTitle: 'Aucune tâche à afficher',
      emptyText: 'Les tâches qui vous sont assignées apparaîtront ici.',
    },
    admin: {
      description: 'Utilisateurs, équipes, webhooks et imports de données.',
      emptyTitle: 'Rien à administrer pour le moment',
      emptyText: 'Les utilisateurs et les équipes que vous gérez apparaîtront ici.',
    },
  },
  errors: {
    title: 'Une erreur est survenue',
    unreachable: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
    server: 'Le serveur a rencontré un problème. Réessayez dans un instant.',
    unknown: "Quelque chose s'est mal passé. Réessayez ou revenez à l'accueil.",
    notFoundTitle: 'Page introuvable',
    notFoundText: "La page demandée n'existe pas ou a été déplacée.",
    notFoundCode: 'Erreur 404',
  },
  organisation: organisationMessages.fr,
  person: personMessages.fr,
  mandate: mandateMessages.fr,
  product: productMessages.fr,
  task: taskMessages.fr,
  admin: adminMessages.fr,
  pipeline: pipelineMessages.fr,
  notification: notificationMessages.fr,
  collaboration: collaborationMessages.fr,
}

export type Messages = typeof fr
