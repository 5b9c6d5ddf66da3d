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
    SYSTEM: { title: (p) => p.titleFr ?? '', body: (p) => p.bodyFr ?? '' },
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
      title: (p) => (p.state === 'overdue' ? `Tâche en retard : ${p.title}` : `Tâche à échéance : ${p.title}`),
      body: (p) =>
        p.state === 'overdue'
          ? `« ${p.title} » a dépassé son échéance du ${day(p.dueAt, 'fr')}.`
          : `« ${p.title} » arrive à échéance ${time(p.dueAt, 'fr')}.`,
    },
    SECURITY: {
      title: (p) => (p.kind === 'locked' ? 'Connexion bloquée sur votre compte' : 'Nouvelle connexion à votre compte'),
      body: (p) =>
        p.kind === 'locked'
          ? `Trop d’échecs de connexion (${p.failures}) en une heure : les connexions à votre compte sont refusées pendant une heure au plus. Si ce n’était pas vous, prévenez un administrateur.`
          : `Connexion depuis un nouvel appareil (${p.device}, adresse ${p.ip}). Si ce n’était pas vous, changez votre mot de passe et déconnectez vos appareils.`,
    },
    WEBHOOK_DISABLED: {
      title: (p) => `Webhook désactivé : ${p.url}`,
      body: (p) =>
        p.reason === 'GONE'
          ? `Le point de terminaison a répondu 410 Gone : plus aucun envoi vers ${p.url}.`
          : `Les envois vers ${p.url} échouent depuis 5 jours : le webhook a été désactivé.`,
    },
  },
  en: {
    SYSTEM: { title: (p) => p.titleEn ?? '', body: (p) => p.bodyEn ?? '' },
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
      title: (p) => (p.state === 'overdue' ? `Task overdue: ${p.title}` : `Task due soon: ${p.title}`),
      body: (p) =>
        p.state === 'overdue' ? `“${p.title}” is past its due date of ${day(p.dueAt, 'en')}.` : `“${p.title}” is due ${time(p.dueAt, 'en')}.`,
    },
    SECURITY: {
      title: (p) => (p.kind === 'locked' ? 'Sign-ins to your account blocked' : 'New sign-in to your account'),
      body: (p) =>
        p.kind === 'locked'
          ? `Too many failed sign-ins (${p.failures}) within an hour: sign-ins to your account are refused for up to an hour. If this was not you, tell an administrator.`
          : `Signed in from a new device (${p.device}, address ${p.ip}). If this was not you, change your password and sign out your devices.`,
    },
    WEBHOOK_DISABLED: {
      title: (p) => `Webhook disabled: ${p.url}`,
      body: (p) =>
        p.reason === 'GONE'
          ? `The endpoint answered 410 Gone: nothing more is sent to ${p.url}.`
          : `Deliveries to ${p.url} have failed for 5 days: the webhook was disabled.`,
    },
  },
}

// Notifications are written once for every device: times are given in the firm's zone.
const ZONE = 'Europe/Paris'

function day(iso: string | undefined, language: 'fr' | 'en') {
  if (!iso) return ''
  return new Date(iso).toLocaleDateString(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', timeZone: ZONE })
}

function time(iso: string | undefined, language: 'fr' | 'en') {
  if (!iso) return language === 'fr' ? 'bientôt' : 'soon'
  const clock = new Date(iso).toLocaleTimeString(language === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: ZONE })
  return language === 'fr' ? `à ${clock}` : `at ${clock}`
}

function stage(value: string | undefined, language: 'fr' | 'en') {
  return (value && STAGES[value]?.[language]) ?? value ?? ''
}

export function renderNotification(type: NotificationType, language: string, params: Params) {
  const messages = MESSAGES[language === 'en' ? 'en' : 'fr'][type]
  if (!messages) return { title: type, body: null }
  return { title: messages.title(params).slice(0, 300), body: messages.body(params).slice(0, 1000) }
}
