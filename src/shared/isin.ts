// ISO 6166 ISIN helpers, shared by the browser forms and the server schemas.

const ISIN_BODY = /^[A-Z]{2}[A-Z0-9]{9}$/
const ISIN_FULL = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/

/** Expands letters to their two-digit values (A=10 … Z=35), keeping digits as they are. */
function expandToDigits(body: string): string {
  let digits = ''
  for (const char of body) digits += Number.parseInt(char, 36).toString()
  return digits
}

/**
 * Check digit for the first 11 characters of an ISIN (2-letter country + 9 alphanumerics):
 * the Luhn algorithm applied to the letter-expanded digit string.
 */
export function isinCheckDigit(body: string): number {
  if (!ISIN_BODY.test(body)) throw new Error(`Invalid ISIN body: ${body}`)
  const digits = expandToDigits(body)
  let sum = 0
  // The rightmost digit of the body sits next to the check digit, so it is the one doubled.
  for (let index = digits.length - 1, double = true; index >= 0; index--, double = !double) {
    let value = digits.charCodeAt(index) - 48
    if (double) {
      value *= 2
      if (value > 9) value -= 9
    }
    sum += value
  }
  return (10 - (sum % 10)) % 10
}

/** True for a well-formed upper-case ISIN whose check digit is correct. */
export function isValidIsin(value: string): boolean {
  if (!ISIN_FULL.test(value)) return false
  return isinCheckDigit(value.slice(0, 11)) === Number(value[11])
}
