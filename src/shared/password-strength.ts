import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common'
import { dictionary as frenchDictionary } from '@zxcvbn-ts/language-fr'

/**
 * How guessable a password is (zxcvbn-ts: its bundled lists of the most common passwords, French and
 * common words, keyboard patterns, sequences). The server refuses what `verdict` refuses; the
 * settings page loads this module on demand for its strength hint.
 */
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...frenchDictionary },
  graphs: adjacencyGraphs,
})

export type PasswordVerdict = { score: 0 | 1 | 2 | 3 | 4; problem: 'password_common' | 'password_weak' | null }

/** Score 0–4; refused when it is a common password (or one with a digit or two added) or scores below 3. */
export function passwordVerdict(password: string, userInputs: string[] = []): PasswordVerdict {
  const result = zxcvbn.check(password, userInputs)
  const common = result.sequence.some(
    (match) => match.pattern === 'dictionary' && match.dictionaryName === 'passwords-common' && match.token.length >= password.length - 4,
  )
  const problem = common ? 'password_common' : result.score < 3 ? 'password_weak' : null
  return { score: result.score, problem }
}
