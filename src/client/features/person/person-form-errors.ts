const PHONE_FIELDS = ['phone', 'workPhone']

/**
 * The shared schemas speak English for their own rules (zod's built-in messages already follow the
 * UI language): phone numbers get the message given, in the UI language.
 */
export function withPhoneMessage(
  errors: Record<string, string[] | undefined>,
  phoneMessage: string,
): Record<string, string[] | undefined> {
  const result = { ...errors }
  for (const field of PHONE_FIELDS) {
    if (errors[field]?.length) result[field] = [phoneMessage]
  }
  return result
}
