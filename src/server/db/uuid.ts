import { randomBytes } from 'node:crypto'

// Random bytes drawn 4 KB at a time: one `randomBytes` call per id costs more than the rest of
// building it when an import makes 2,000 ids per statement.
let random = Buffer.alloc(0)
let offset = 0

/** Where each of the 16 bytes' two hex digits go in `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
const DIGIT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]
const HEX = Buffer.from('0123456789abcdef')
const text = Buffer.from('00000000-0000-0000-0000-000000000000')

/**
 * A time-ordered UUID (version 7), like the ones Prisma generates for new records. Written into a
 * buffer and read as one flat string (~56 bytes): joined from slices of its hex, each id was a tree
 * of ten strings (~370 bytes) for as long as it lived, and an import keeps 200,000 of them.
 */
export function uuidv7(): string {
  if (offset + 16 > random.length) {
    random = randomBytes(4096)
    offset = 0
  }
  const bytes = random.subarray(offset, offset + 16)
  offset += 16
  bytes.writeUIntBE(Date.now(), 0, 6)
  bytes[6] = (bytes[6] & 0x0f) | 0x70
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  for (let index = 0; index < 16; index++) {
    text[DIGIT_AT[index]] = HEX[bytes[index] >> 4]
    text[DIGIT_AT[index] + 1] = HEX[bytes[index] & 0x0f]
  }
  return text.toString('latin1')
}
