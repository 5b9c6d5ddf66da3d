// Messages of the activities list (every logged call, e-mail, meeting and note of the team).
const fr = {
  list: {
    title: 'Activités',
    description: 'Appels, e-mails, rendez-vous et notes de l’équipe, du plus récent au plus ancien.',
    kindFilter: 'Type',
    clearFilter: 'Tout afficher',
    author: 'Auteur',
    authors: { all: 'Toute l’équipe', mine: 'Les miennes' },
    from: 'Du',
    to: 'Au',
    toBeforeFrom: 'La date de fin ne peut pas précéder la date de début.',
    clearFilters: 'Effacer les filtres',
    count_one: '{{shown}} activité sur {{total}}',
    count_other: '{{shown}} activités sur {{total}}',
    loadMore: 'Afficher plus',
    loadError: 'Impossible de charger les activités',
    emptyTitle: 'Aucune activité pour le moment',
    emptyText: 'Enregistrez un appel, un e-mail ou un rendez-vous depuis la fiche d’une organisation ou d’une personne.',
    noMatchTitle: 'Aucune activité ne correspond',
    noMatchText: 'Essayez une autre période ou d’autres filtres.',
  },
  columns: {
    occurredAt: 'Date',
    kind: 'Type',
    summary: 'Résumé',
    organisation: 'Organisation',
    people: 'Personnes',
    author: 'Auteur',
  },
}

export type ActivityListMessages = typeof fr

const en: ActivityListMessages = {
  list: {
    title: 'Activities',
    description: 'The team’s calls, e-mails, meetings and notes, newest first.',
    kindFilter: 'Type',
    clearFilter: 'Show all',
    author: 'Author',
    authors: { all: 'Whole team', mine: 'Mine' },
    from: 'From',
    to: 'To',
    toBeforeFrom: 'The end date cannot be before the start date.',
    clearFilters: 'Clear filters',
    count_one: '{{shown}} of {{total}} activity',
    count_other: '{{shown}} of {{total}} activities',
    loadMore: 'Show more',
    loadError: 'Could not load the activities',
    emptyTitle: 'No activity yet',
    emptyText: 'Log a call, an e-mail or a meeting from an organisation’s or a person’s page.',
    noMatchTitle: 'No activity matches',
    noMatchText: 'Try another period or other filters.',
  },
  columns: {
    occurredAt: 'Date',
    kind: 'Type',
    summary: 'Summary',
    organisation: 'Organisation',
    people: 'People',
    author: 'Author',
  },
}

export const activityListMessages = { fr, en }
