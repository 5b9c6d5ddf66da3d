// Messages of the notification screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const notificationMessages = { fr, en }
