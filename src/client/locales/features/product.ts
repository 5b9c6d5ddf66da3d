// Messages of the product screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const productMessages = { fr, en }
