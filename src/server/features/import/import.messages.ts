import type { ImportProblem, ImportProblemCode } from '../../../shared/schemas/import.ts'

// Problem messages of the dry run and the error report, in the reader's language.
type Params = Record<string, string>
const POLICY: Record<'fr' | 'en', Record<string, string>> = {
  fr: { skip: 'ignoré', update: 'mis à jour', create: 'créé quand même' },
  en: { skip: 'skipped', update: 'updated', create: 'created anyway' },
}

const MESSAGES: Record<'fr' | 'en', Record<ImportProblemCode, (p: Params) => string>> = {
  fr: {
    EMPTY_ROW: () => 'Ligne vide',
    MISSING_NAME: () => 'Ni organisation ni personne : il faut au moins un nom',
    MISSING_FIRST_NAME: () => 'Prénom manquant',
    MISSING_LAST_NAME: () => 'Nom manquant',
    INVALID_EMAIL: (p) => `« ${p.value} » n’est pas une adresse e-mail valide`,
    INVALID_PHONE: (p) => `« ${p.value} » n’est pas un numéro de téléphone valide`,
    INVALID_URL: (p) => `« ${p.value} » n’est pas une adresse web valide`,
    INVALID_AMOUNT: (p) => `« ${p.value} » n’est pas un montant (exemple : 1 250 000,50 €)`,
    INVALID_TYPE: (p) => `Type « ${p.value} » inconnu (Investisseur, Fournisseur, Distributeur, Partenaire, Autre)`,
    INVALID_STAGE: (p) => `Étape « ${p.value} » inconnue (Prospect, Qualifié, Proposition, Négociation, Gagné, Perdu)`,
    INVALID_BOOLEAN: (p) => `« ${p.value} » : répondez oui ou non`,
    INVALID_COUNTRY: (p) => `Pays « ${p.value} » inconnu (code à deux lettres, ex. FR)`,
    TOO_LONG: (p) => `Texte trop long (${p.max} caractères au plus)`,
    UNKNOWN_OWNER: (p) => `Aucun membre actif de l’équipe n’a l’adresse ${p.value} : pas de propriétaire`,
    DUPLICATE_IN_FILE: (p) => `« ${p.name} » figure déjà ligne ${p.otherLine} : ${POLICY.fr[p.policy]}`,
    DUPLICATE_IN_DATABASE: (p) => `« ${p.name} » existe déjà dans le CRM : ${POLICY.fr[p.policy]}`,
    AMOUNT_ROUNDED: (p) => `Montant arrondi à l’euro : ${p.rounded}`,
  },
  en: {
    EMPTY_ROW: () => 'Empty row',
    MISSING_NAME: () => 'Neither an organisation nor a person: a name is needed',
    MISSING_FIRST_NAME: () => 'First name missing',
    MISSING_LAST_NAME: () => 'Last name missing',
    INVALID_EMAIL: (p) => `“${p.value}” is not a valid e-mail address`,
    INVALID_PHONE: (p) => `“${p.value}” is not a valid phone number`,
    INVALID_URL: (p) => `“${p.value}” is not a valid web address`,
    INVALID_AMOUNT: (p) => `“${p.value}” is not an amount (e.g. 1,250,000.50)`,
    INVALID_TYPE: (p) => `Unknown type “${p.value}” (Investor, Supplier, Distributor, Partner, Other)`,
    INVALID_STAGE: (p) => `Unknown stage “${p.value}” (Prospect, Qualified, Proposal, Negotiation, Won, Lost)`,
    INVALID_BOOLEAN: (p) => `“${p.value}”: answer yes or no`,
    INVALID_COUNTRY: (p) => `Unknown country “${p.value}” (two-letter code, e.g. FR)`,
    TOO_LONG: (p) => `Text too long (at most ${p.max} characters)`,
    UNKNOWN_OWNER: (p) => `No active team member has the address ${p.value}: no owner set`,
    DUPLICATE_IN_FILE: (p) => `“${p.name}” is already on line ${p.otherLine}: ${POLICY.en[p.policy]}`,
    DUPLICATE_IN_DATABASE: (p) => `“${p.name}” already exists in the CRM: ${POLICY.en[p.policy]}`,
    AMOUNT_ROUNDED: (p) => `Amount rounded to the euro: ${p.rounded}`,
  },
}

export function problemMessage(problem: ImportProblem, language: string): string {
  return MESSAGES[language === 'en' ? 'en' : 'fr'][problem.code](problem.params)
}

const SUMMARY = {
  fr: {
    succeeded: (file: string) => `Import terminé : ${file}`,
    failed: (file: string) => `Import échoué : ${file}`,
    body: (c: { organisations: number; people: number; updated: number; skipped: number }) =>
      `${c.organisations} organisation(s) et ${c.people} personne(s) créées, ${c.updated} mise(s) à jour, ${c.skipped} ignorée(s).`,
    failure: 'Rien n’a été importé : la base est restée telle quelle.',
  },
  en: {
    succeeded: (file: string) => `Import finished: ${file}`,
    failed: (file: string) => `Import failed: ${file}`,
    body: (c: { organisations: number; people: number; updated: number; skipped: number }) =>
      `${c.organisations} organisation(s) and ${c.people} people created, ${c.updated} updated, ${c.skipped} skipped.`,
    failure: 'Nothing was imported: the data is as it was.',
  },
}

export function summaryTexts(language: string) {
  return SUMMARY[language === 'en' ? 'en' : 'fr']
}

/** The CSV error report: `;`-separated with a BOM so French Excel opens it as is; formulas neutralised. */
export function errorReportCsv(problems: ImportProblem[], language: string): string {
  const header = language === 'en' ? ['Line', 'Column', 'Severity', 'Message'] : ['Ligne', 'Colonne', 'Gravité', 'Message']
  const severity = language === 'en' ? { error: 'error', warning: 'warning' } : { error: 'erreur', warning: 'avertissement' }
  const lines = [header, ...problems.map((problem) => [String(problem.line), problem.column, severity[problem.severity], problemMessage(problem, language)])]
  return '\ufeff' + lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n'
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
