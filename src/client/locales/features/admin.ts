// Messages of the admin screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const adminMessages = { fr, en }
