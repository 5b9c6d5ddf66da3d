// Messages of collaborative editing on an organisation's page: presence, live fields, co-edited
// notes and the activity timeline. French is the reference shape, English must match it.
const fr = {
  notes: {
    title: 'Notes',
  },
}

const en: typeof fr = {
  notes: {
    title: 'Notes',
  },
}

export const collaborationMessages = { fr, en }
