// Messages of collaborative editing on an organisation's page: presence, live fields, co-edited
// notes and the activity timeline. French is the reference shape, English must match it.
const fr = {
  presence: {
    label_one: '{{count}} autre personne sur cette page',
    label_other: '{{count}} autres personnes sur cette page',
    viewing: '{{name}} consulte cette organisation',
    editing: '{{name}} modifie : {{field}}',
    editingThis: '{{name}} modifie ce champ',
    edits: 'modifie : {{field}}',
    idle: '{{name}} (inactif depuis plus d’une minute)',
    alsoHere_one: 'Consulte aussi cette organisation',
    alsoHere_other: 'Consultent aussi cette organisation',
  },
  live: {
    changedBy: 'Modifié par {{name}}',
    changedBySomeone: 'Modifié à l’instant',
    clash: '{{name}} vient d’enregistrer « {{value}} ». En enregistrant, vous choisirez la valeur à garder.',
    someone: 'Quelqu’un',
  },
  values: {
    empty: 'vide',
    formerMember: 'ancien membre',
  },
  timeline: {
    title: 'Activité',
    loading: 'Chargement de l’activité…',
    empty: 'Aucune activité enregistrée pour le moment.',
    errorTitle: 'Impossible de charger l’activité',
    error: 'Vérifiez votre connexion et réessayez.',
    more: 'Afficher plus',
    someone: 'Quelqu’un',
    to: 'devient',
    types: {
      created: '{{name}} a créé l’organisation',
      updated: '{{name}} a modifié',
      deleted: '{{name}} a supprimé l’organisation',
      notes_edited: '{{name}} a modifié les notes',
    },
  },
  notes: {
    title: 'Notes',
    description: 'Partagées avec l’équipe et rédigées à plusieurs, en direct.',
    label: 'Notes de l’organisation',
    placeholder: 'Ajoutez des notes : contexte, interlocuteurs, prochaines étapes…',
    emptyReadOnly: 'Aucune note pour le moment.',
    readOnly: 'Lecture seule',
    opening: 'Ouverture des notes…',
    status: {
      loading: 'Connexion…',
      saving: 'Enregistrement…',
      saved: 'Enregistré',
      savedReadOnly: 'À jour',
      offline: 'Hors ligne — vos modifications seront envoyées à la reconnexion',
      offlineReadOnly: 'Hors ligne — reconnexion…',
      error: 'Notes indisponibles',
    },
    error: {
      title: 'Impossible d’ouvrir les notes',
      NOT_FOUND: 'Cette organisation n’existe plus ou ne vous est plus accessible.',
      unavailable: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
    },
  },
}

const en: typeof fr = {
  presence: {
    label_one: '{{count}} other person on this page',
    label_other: '{{count}} other people on this page',
    viewing: '{{name}} is viewing this organisation',
    editing: '{{name}} is editing: {{field}}',
    editingThis: '{{name}} is editing this field',
    edits: 'is editing: {{field}}',
    idle: '{{name}} (idle for over a minute)',
    alsoHere_one: 'Also viewing this organisation',
    alsoHere_other: 'Also viewing this organisation',
  },
  live: {
    changedBy: 'Changed by {{name}}',
    changedBySomeone: 'Just changed',
    clash: '{{name}} has just saved “{{value}}”. When you save, you will choose which value to keep.',
    someone: 'Someone',
  },
  values: {
    empty: 'empty',
    formerMember: 'former member',
  },
  timeline: {
    title: 'Activity',
    loading: 'Loading the activity…',
    empty: 'No activity recorded yet.',
    errorTitle: 'The activity could not be loaded',
    error: 'Check your connection and try again.',
    more: 'Show more',
    someone: 'Someone',
    to: 'becomes',
    types: {
      created: '{{name}} created the organisation',
      updated: '{{name}} made changes',
      deleted: '{{name}} deleted the organisation',
      notes_edited: '{{name}} edited the notes',
    },
  },
  notes: {
    title: 'Notes',
    description: 'Shared with the team and written together, live.',
    label: 'Organisation notes',
    placeholder: 'Add notes: background, contacts, next steps…',
    emptyReadOnly: 'No notes yet.',
    readOnly: 'Read only',
    opening: 'Opening the notes…',
    status: {
      loading: 'Connecting…',
      saving: 'Saving…',
      saved: 'Saved',
      savedReadOnly: 'Up to date',
      offline: 'Offline — your changes will be sent when the connection is back',
      offlineReadOnly: 'Offline — reconnecting…',
      error: 'Notes unavailable',
    },
    error: {
      title: 'The notes could not be opened',
      NOT_FOUND: 'This organisation no longer exists or is no longer available to you.',
      unavailable: 'The server is not answering. Check your connection and try again.',
    },
  },
}

export const collaborationMessages = { fr, en }
