import type { z } from 'zod'

// Every validation message of the product, in one place. Shared schemas give their own checks a
// message *code* (a key below); zod's built-in checks are worded here from the issue's code and
// bounds. The client renders a failed parse with these texts as the user types; the server's error
// formatter renders the same issues in the caller's language and sends the codes alongside, so a
// form reads the same message before and after a round trip.

export type ValidationLanguage = 'fr' | 'en'

export const MAX_AMOUNT_EUROS = 100_000_000_000

const CODES = {
  required: { fr: 'Ce champ est obligatoire', en: 'This field is required' },
  phone_invalid: {
    fr: 'Numéro de téléphone invalide (chiffres, espaces, +, points, tirets ou parenthèses).',
    en: 'Invalid phone number (digits, spaces, +, dots, dashes or brackets).',
  },
  url_invalid: { fr: 'Adresse web invalide (ex. www.exemple.fr).', en: 'Invalid web address (e.g. www.example.com).' },
  email_invalid: { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  country_invalid: { fr: 'Code pays à deux lettres (ex. FR).', en: 'Two-letter country code (e.g. FR).' },
  amount_too_large: {
    fr: 'Le montant ne peut pas dépasser 100 milliards d’euros.',
    en: 'The amount cannot exceed 100 billion euros.',
  },
  amount_negative: { fr: 'Le montant ne peut pas être négatif.', en: 'The amount cannot be negative.' },
  amount_whole: { fr: 'Saisissez un montant entier en euros, sans décimales.', en: 'Enter a whole amount in euros, without decimals.' },
  date_invalid: { fr: 'Date et heure invalides.', en: 'Invalid date and time.' },
  date_too_early: { fr: 'Date trop ancienne.', en: 'Date too far in the past.' },
  date_too_late: { fr: 'Date trop lointaine.', en: 'Date too far in the future.' },
  date_within_year: { fr: 'Pas plus d’un an dans le futur.', en: 'Not more than one year in the future.' },
  date_real: { fr: 'Saisissez une vraie date (AAAA-MM-JJ).', en: 'Use a real date written YYYY-MM-DD.' },
  end_before_start: { fr: 'La date de fin ne peut pas précéder la date de début.', en: 'The end date cannot be before the start date.' },
  to_before_from: { fr: 'Ne peut pas précéder la date de début.', en: 'Must not be before the start date.' },
  nothing_to_update: { fr: 'Rien à modifier.', en: 'Nothing to update.' },
  subject_required: {
    fr: 'Reliez une organisation ou au moins une personne.',
    en: 'Link an organisation or at least one person.',
  },
  organisation_once: { fr: 'Chaque organisation ne peut figurer qu’une fois.', en: 'Each organisation may appear only once.' },
  date_range: { fr: 'Saisissez une date entre 1900 et 2199.', en: 'Use a date between 1900 and 2199.' },
  isin_shape: {
    fr: 'Un ISIN compte 2 lettres, 9 lettres ou chiffres, puis une clé.',
    en: 'An ISIN is 2 letters, 9 letters or digits, then a check digit.',
  },
  currency_invalid: { fr: 'Code devise à trois lettres (ex. EUR).', en: 'Three-letter currency code (e.g. EUR).' },
  isin_check_digit: { fr: 'Code ISIN invalide (clé de contrôle).', en: 'Invalid ISIN (check digit).' },
  already_in_use: { fr: 'Déjà utilisé.', en: 'Already in use.' },
  team_required: { fr: 'Choisissez une équipe.', en: 'Choose a team.' },
  not_your_team: { fr: 'Vous ne pouvez créer que dans votre équipe.', en: 'You can only create records in your own team.' },
  not_team_member: { fr: 'Pas un membre actif de l’équipe.', en: 'Not an active member of the team.' },
  organisation_not_in_team: { fr: 'Organisation introuvable dans cette équipe.', en: 'Organisation not found in this team.' },
  person_not_in_team: { fr: 'Personne introuvable dans cette équipe.', en: 'Person not found in this team.' },
  color_invalid: { fr: 'Choisissez une des couleurs proposées.', en: 'Choose one of the colours offered.' },
  event_id: { fr: 'Identifiant d’événement attendu.', en: 'Must be an event id.' },
  period_reversed: { fr: 'La fin de la période précède son début.', en: 'The end of the period is before its start.' },
  current_password_wrong: { fr: 'Le mot de passe actuel est incorrect.', en: 'The current password is wrong.' },
  password_wrong: { fr: 'Le mot de passe est incorrect.', en: 'The password is wrong.' },
  two_factor_code_wrong: {
    fr: 'Ce code est incorrect ou a déjà servi. Saisissez le code affiché maintenant par votre application.',
    en: 'This code is wrong or was already used. Enter the code your app shows now.',
  },
  recovery_code_wrong: { fr: 'Ce code de secours est incorrect ou a déjà servi.', en: 'This recovery code is wrong or was already used.' },
  two_factor_code_format: { fr: 'Saisissez les 6 chiffres affichés par votre application.', en: 'Enter the 6 digits your app shows.' },
  recovery_code_format: { fr: 'Un code de secours a 10 caractères (lettres et chiffres).', en: 'A recovery code has 10 characters (letters and digits).' },
  password_common: {
    fr: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
    en: 'This password is one of the most common: choose another.',
  },
  password_weak: {
    fr: 'Mot de passe trop facile à deviner : allongez-le ou mêlez plusieurs mots.',
    en: 'Password too easy to guess: make it longer or combine several words.',
  },
  password_reused: { fr: 'Choisissez un mot de passe différent de l’actuel.', en: 'Choose a password different from the current one.' },
  passwords_differ: { fr: 'Les deux mots de passe ne correspondent pas.', en: 'The two passwords do not match.' },
} as const satisfies Record<string, Record<ValidationLanguage, string>>

export type ValidationCode = keyof typeof CODES

export function isValidationCode(value: string): value is ValidationCode {
  return Object.hasOwn(CODES, value)
}

export function validationText(code: ValidationCode, language: ValidationLanguage): string {
  return CODES[code][language]
}

type Issue = z.core.$ZodIssue

const plural = (count: number, one: string, many: string) => (count > 1 ? many : one)

/** The built-in checks, worded from the issue's bounds. */
function builtInMessage(issue: Issue, language: ValidationLanguage): string {
  const fr = language === 'fr'
  switch (issue.code) {
    case 'too_small': {
      const minimum = Number(issue.minimum)
      if (issue.origin === 'string') {
        if (minimum <= 1) return CODES.required[language]
        return fr ? `Au moins ${minimum} caractères.` : `At least ${minimum} characters.`
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return fr ? `Au moins ${minimum} ${plural(minimum, 'élément', 'éléments')}.` : `At least ${minimum} ${plural(minimum, 'item', 'items')}.`
      }
      return fr ? `Doit être supérieur ou égal à ${minimum}.` : `Must be at least ${minimum}.`
    }
    case 'too_big': {
      const maximum = Number(issue.maximum)
      if (issue.origin === 'string') return fr ? `${maximum} caractères au plus.` : `At most ${maximum} characters.`
      if (issue.origin === 'array' || issue.origin === 'set') {
        return fr ? `${maximum} ${plural(maximum, 'élément', 'éléments')} au plus.` : `At most ${maximum} ${plural(maximum, 'item', 'items')}.`
      }
      return fr ? `Doit être inférieur ou égal à ${maximum}.` : `Must be at most ${maximum}.`
    }
    case 'invalid_format':
      if (issue.format === 'email') return CODES.email_invalid[language]
      if (issue.format === 'url') return CODES.url_invalid[language]
      if (issue.format === 'uuid') return fr ? 'Identifiant invalide.' : 'Invalid identifier.'
      if (issue.format === 'datetime' || issue.format === 'date') return CODES.date_invalid[language]
      return fr ? 'Format invalide.' : 'Invalid format.'
    case 'invalid_type':
      if (issue.expected === 'date') return CODES.date_invalid[language]
      if (issue.expected === 'number' || issue.expected === 'int') return fr ? 'Nombre attendu.' : 'A number is expected.'
      return issue.input === undefined || issue.input === null
        ? CODES.required[language]
        : fr
          ? 'Valeur invalide.'
          : 'Invalid value.'
    case 'invalid_value':
      return fr ? 'Choix invalide.' : 'Invalid choice.'
    case 'unrecognized_keys':
      return fr ? 'Champ inconnu.' : 'Unknown field.'
    default:
      return fr ? 'Valeur invalide.' : 'Invalid value.'
  }
}

/** The code of an issue: the schema's own code when it has one, else the built-in check's code. */
export function issueCode(issue: Issue): string {
  return isValidationCode(issue.message) ? issue.message : issue.code
}

/** One issue in the user's language. */
export function issueMessage(issue: Issue, language: ValidationLanguage): string {
  return isValidationCode(issue.message) ? CODES[issue.message][language] : builtInMessage(issue, language)
}

export interface LocalisedErrors {
  fieldErrors: Record<string, string[]>
  fieldCodes: Record<string, string[]>
  formErrors: string[]
}

/** A failed parse as messages per top-level field, in the user's language, with the codes alongside. */
export function localiseIssues(issues: readonly Issue[], language: ValidationLanguage): LocalisedErrors {
  const result: LocalisedErrors = { fieldErrors: {}, fieldCodes: {}, formErrors: [] }
  for (const issue of issues) {
    const message = issueMessage(issue, language)
    if (issue.path.length === 0) {
      result.formErrors.push(message)
      continue
    }
    const key = String(issue.path[0])
    ;(result.fieldErrors[key] ??= []).push(message)
    ;(result.fieldCodes[key] ??= []).push(issueCode(issue))
  }
  return result
}
