// Messages of the notification screens: French is the reference shape, English must match it.
const fr = {
  bell: {
    label: 'Notifications',
    labelUnread_one: 'Notifications, {{count}} non lue',
    labelUnread_other: 'Notifications, {{count}} non lues',
  },
  panel: {
    title: 'Notifications',
    markAllRead: 'Tout marquer comme lu',
    unread: 'Non lue',
    loadMore: 'Afficher plus',
    emptyTitle: 'Aucune notification',
    empty: 'Vous serez prévenu ici des changements qui vous concernent.',
    errorTitle: 'Les notifications n’ont pas pu être chargées',
    error: 'Vérifiez votre connexion puis réessayez.',
    markFailed: 'Les notifications n’ont pas pu être marquées comme lues.',
  },
  connection: {
    offline: 'Hors ligne – reconnexion…',
  },
}

const en: typeof fr = {
  bell: {
    label: 'Notifications',
    labelUnread_one: 'Notifications, {{count}} unread',
    labelUnread_other: 'Notifications, {{count}} unread',
  },
  panel: {
    title: 'Notifications',
    markAllRead: 'Mark all as read',
    unread: 'Unread',
    loadMore: 'Show more',
    emptyTitle: 'No notifications',
    empty: 'Changes that concern you will show up here.',
    errorTitle: 'Notifications could not be loaded',
    error: 'Check your connection and try again.',
    markFailed: 'Notifications could not be marked as read.',
  },
  connection: {
    offline: 'Offline – reconnecting…',
  },
}

export const notificationMessages = { fr, en }
