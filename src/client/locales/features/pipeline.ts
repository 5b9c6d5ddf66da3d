// Messages of the pipeline screens: French is the reference shape, English must match it.
const fr = {}

const en: typeof fr = {}

export const pipelineMessages = { fr, en }
