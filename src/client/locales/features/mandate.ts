// Messages of the mandate screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const mandateMessages = { fr, en }
