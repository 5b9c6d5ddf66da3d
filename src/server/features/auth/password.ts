import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline (19 MiB, t=2, p=1).
const OPTIONS = { algorithm: 2 /* Argon2id; the enum is an ambient const */, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verified against when the email is unknown, so timing does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-used')
  return decoyHash
}
