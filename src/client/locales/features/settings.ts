// Messages of the settings screens: French is the reference shape, English must match it.
const fr = {
  menuItem: 'Paramètres',
  title: 'Paramètres',
  description: 'Votre profil, vos préférences d’affichage et les notifications que vous recevez.',
  nav: {
    label: 'Sections des paramètres',
    profile: 'Profil et préférences',
    tokens: 'Jetons d’API',
    security: 'Sécurité',
  },
  loadError: 'Vos paramètres n’ont pas pu être chargés',
  profile: {
    title: 'Profil',
    text: 'Le nom et la couleur que vos collègues voient à côté de vos actions.',
    name: 'Nom affiché',
    email: 'Adresse e-mail',
    emailHint: 'Pour la changer, adressez-vous à un administrateur.',
    color: 'Couleur de vos initiales',
    colorAuto: 'Automatique',
    colorOption: 'Couleur {{index}}',
    preview: 'Aperçu',
    save: 'Enregistrer le profil',
    saved: 'Profil enregistré.',
  },
  display: {
    title: 'Affichage',
    text: 'Appliqués tout de suite et retenus sur tous vos appareils.',
  },
  notifications: {
    title: 'Notifications',
    text: 'Choisissez ce qui vous est signalé dans l’application. Les messages système vous parviennent toujours.',
    legend: 'Me prévenir dans l’application',
    save: 'Enregistrer les notifications',
    saved: 'Préférences de notification enregistrées.',
    emailUnavailable:
      'Les notifications par e-mail ne sont pas disponibles : l’envoi d’e-mails n’est pas configuré sur cette installation. Votre choix s’y appliquera dès qu’il le sera.',
    kinds: {
      TASK_ASSIGNED: { label: 'Une tâche m’est assignée', hint: 'Quand un collègue vous confie une tâche.' },
      TASK_DUE: { label: 'Une de mes tâches arrive à échéance ou est en retard', hint: 'Le jour où elle est due, puis si elle reste ouverte.' },
      NEW_INTERACTION: { label: 'Nouvelle activité sur mes organisations', hint: 'Appels, e-mails, rendez-vous et notes de l’équipe (managers : toute l’équipe).' },
      PIPELINE_UPDATE: { label: 'Une de mes organisations change d’étape', hint: 'Managers : toute l’équipe.' },
      MANDATE_SIGNED: { label: 'Un mandat est signé', hint: 'Sur vos organisations (managers : toute l’équipe).' },
    },
  },
  saveFailed: 'L’enregistrement a échoué. Réessayez.',
}

const en: typeof fr = {
  menuItem: 'Settings',
  title: 'Settings',
  description: 'Your profile, display preferences and the notifications you receive.',
  nav: {
    label: 'Settings sections',
    profile: 'Profile and preferences',
    tokens: 'API tokens',
    security: 'Security',
  },
  loadError: 'Your settings could not be loaded',
  profile: {
    title: 'Profile',
    text: 'The name and colour your colleagues see beside your actions.',
    name: 'Display name',
    email: 'E-mail address',
    emailHint: 'To change it, ask an administrator.',
    color: 'Colour of your initials',
    colorAuto: 'Automatic',
    colorOption: 'Colour {{index}}',
    preview: 'Preview',
    save: 'Save profile',
    saved: 'Profile saved.',
  },
  display: {
    title: 'Display',
    text: 'Applied at once and remembered on all your devices.',
  },
  notifications: {
    title: 'Notifications',
    text: 'Choose what you are told about in the app. System messages always reach you.',
    legend: 'Tell me in the app',
    save: 'Save notifications',
    saved: 'Notification preferences saved.',
    emailUnavailable:
      'E-mail notifications are not available: sending e-mail is not set up on this installation. Your choice will apply as soon as it is.',
    kinds: {
      TASK_ASSIGNED: { label: 'A task is assigned to me', hint: 'When a colleague gives you a task.' },
      TASK_DUE: { label: 'One of my tasks falls due or is overdue', hint: 'On the day it is due, then if it stays open.' },
      NEW_INTERACTION: { label: 'New activity on my organisations', hint: 'Calls, e-mails, meetings and notes by the team (managers: the whole team).' },
      PIPELINE_UPDATE: { label: 'One of my organisations changes stage', hint: 'Managers: the whole team.' },
      MANDATE_SIGNED: { label: 'A mandate is signed', hint: 'On your organisations (managers: the whole team).' },
    },
  },
  saveFailed: 'Saving failed. Try again.',
}

export const settingsMessages = { fr, en }
