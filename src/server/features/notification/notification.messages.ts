import type { NotificationType } from '../../db/generated/enums.ts'

// Notification texts, written in the recipient's language when the notification is created.
type Params = Record<string, string>
type Message = { title: (params: Params) => string; body: (params: Params) => string }

const STAGES: Record<string, { fr: string; en: string }> = {
  PROSPECT: { fr: 'Prospect', en: 'Prospect' },
  QUALIFIED: { fr: 'Qualifié', en: 'Qualified' },
  PROPOSAL: { fr: 'Proposition', en: 'Proposal' },
  NEGOTIATION: { fr: 'Négociation', en: 'Negotiation' },
  WON: { fr: 'Gagné', en: 'Won' },
  LOST: { fr: 'Perdu', en: 'Lost' },
}

const MESSAGES: Record<'fr' | 'en', Partial<Record<NotificationType, Message>>> = {
  fr: {
    PIPELINE_UPDATE: {
      title: (p) => `${p.name} : ${stage(p.from, 'fr')} → ${stage(p.to, 'fr')}`,
      body: (p) => `${p.actor} a déplacé ${p.name} dans le pipeline.`,
    },
    NEW_INTERACTION: {
      title: (p) => `Nouvelle interaction : ${p.name}`,
      body: (p) => `${p.actor} : ${p.summary}`,
    },
    MANDATE_SIGNED: {
      title: (p) => `Mandat signé : ${p.name}`,
      body: (p) => `${p.actor} a signé le mandat ${p.reference}.`,
    },
    TASK_ASSIGNED: {
      title: (p) => `Tâche assignée : ${p.title}`,
      body: (p) => `${p.actor} vous a assigné « ${p.title} ».`,
    },
    TASK_DUE: {
      title: (p) => `Tâche à échéance : ${p.title}`,
      body: (p) => `« ${p.title} » arrive à échéance.`,
    },
  },
  en: {
    PIPELINE_UPDATE: {
      title: (p) => `${p.name}: ${stage(p.from, 'en')} → ${stage(p.to, 'en')}`,
      body: (p) => `${p.actor} moved ${p.name} in the pipeline.`,
    },
    NEW_INTERACTION: {
      title: (p) => `New interaction: ${p.name}`,
      body: (p) => `${p.actor}: ${p.summary}`,
    },
    MANDATE_SIGNED: {
      title: (p) => `Mandate signed: ${p.name}`,
      body: (p) => `${p.actor} signed mandate ${p.reference}.`,
    },
    TASK_ASSIGNED: {
      title: (p) => `Task assigned: ${p.title}`,
      body: (p) => `${p.actor} assigned “${p.title}” to you.`,
    },
    TASK_DUE: {
      title: (p) => `Task due: ${p.title}`,
      body: (p) => `“${p.title}” is due.`,
    },
  },
}

function stage(value: string | undefined, language: 'fr' | 'en') {
  return (value && STAGES[value]?.[language]) ?? value ?? ''
}

export function renderNotification(type: NotificationType, language: string, params: Params) {
  const messages = MESSAGES[language === 'en' ? 'en' : 'fr'][type]
  if (!messages) return { title: type, body: null }
  return { title: messages.title(params).slice(0, 300), body: messages.body(params).slice(0, 1000) }
}
