// Messages of the person screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const personMessages = { fr, en }
