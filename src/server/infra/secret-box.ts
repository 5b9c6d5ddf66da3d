import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Encrypts short secrets for storage in the database (AES-256-GCM, a fresh IV each time). */
export interface SecretBox {
  seal(secret: string): string
  open(sealed: string): string
}

const IV_BYTES = 12

/** `key` is 32 bytes; the sealed form is `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
export function createAesGcmBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('An AES-256 key is 32 bytes')
  return {
    seal(secret) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), encrypted.toString('base64')].join(':')
    },
    open(sealed) {
      const [version, iv, tag, encrypted] = sealed.split(':')
      if (version !== 'v1' || !iv || !tag || !encrypted) throw new Error('Unreadable sealed secret')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]).toString('utf8')
    },
  }
}

/**
 * Nodes sharing a folder share the key: the first to start writes it, the others read it. The key is
 * written to a file of this process's own and linked into place in one step, so a node starting at the
 * same moment never reads a file that exists but is still empty.
 */
export function keyFromFile(file: string, variable: string): string {
  const read = () => {
    const key = readFileSync(file, 'utf8').trim()
    if (!key) throw new Error(`The key file ${file} is empty: delete it or set ${variable}`)
    return key
  }
  try {
    return read()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(path.dirname(file), { recursive: true })
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(draft, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 })
  try {
    linkSync(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(draft)
  }
  return read()
}
