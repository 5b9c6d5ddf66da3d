import { randomBytes } from 'node:crypto'

// Random bytes drawn 4 KB at a time: one `randomBytes` call per id costs more than the rest of
// building it when an import makes 2,000 ids per statement.
let random = Buffer.alloc(0)
let offset = 0

/** A time-ordered UUID (version 7), like the ones Prisma generates for new records. */
export function uuidv7(): string {
  if (offset + 16 > random.length) {
    random = randomBytes(4096)
    offset = 0
  }
  const bytes = Buffer.from(random.subarray(offset, offset + 16))
  offset += 16
  bytes.writeUIntBE(Date.now(), 0, 6)
  bytes[6] = (bytes[6] & 0x0f) | 0x70
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
