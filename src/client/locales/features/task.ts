// Messages of the task screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const taskMessages = { fr, en }
