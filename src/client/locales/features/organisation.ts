// Messages of the organisation screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const organisationMessages = { fr, en }
