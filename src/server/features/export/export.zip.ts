import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32, createDeflateRaw } from 'node:zlib'
import type { ExportOutput } from './export.run.ts'

// A zip written front to back, for the .xlsx: each entry is deflated as its text arrives and sent
// on at once, with its CRC and sizes in a data descriptor after the data (general purpose flag
// bit 3), so nothing waits for the whole file. Deflate is zlib's, off the main thread. No zip64:
// an entry or the archive past 4 GB is refused (an .xlsx sheet stops at 1,048,576 rows long before).

const MAX_32 = 0xffffffff
const DATA_DESCRIPTOR_FLAG = 0x0008
const DEFLATE = 8
const VERSION = 20

interface Entry {
  name: Buffer
  crc: number
  compressedSize: number
  size: number
  offset: number
}

export interface ZipWriter {
  /** One entry from text, or from pieces of text or UTF-8 deflated as they come. */
  add(name: string, content: string | AsyncIterable<string | Buffer>): Promise<void>
  /** The central directory: the archive is complete. */
  finish(): Promise<void>
}

/** `modified` is written as its UTC fields (zip times have no time zone). */
export function createZipWriter(out: ExportOutput, modified: Date): ZipWriter {
  const entries: Entry[] = []
  const time = (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | (modified.getUTCSeconds() >> 1)
  const date = ((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate()
  let offset = 0

  async function write(bytes: Buffer) {
    offset += bytes.length
    if (offset > MAX_32) throw new Error('The archive passes 4 GB, which needs zip64')
    await out.write(bytes)
  }

  return {
    async add(name, content) {
      const entry: Entry = { name: Buffer.from(name), crc: 0, compressedSize: 0, size: 0, offset }
      const header = Buffer.alloc(30)
      header.writeUInt32LE(0x04034b50, 0)
      header.writeUInt16LE(VERSION, 4)
      header.writeUInt16LE(DATA_DESCRIPTOR_FLAG, 6)
      header.writeUInt16LE(DEFLATE, 8)
      header.writeUInt16LE(time, 10)
      header.writeUInt16LE(date, 12)
      // CRC and sizes (14–25) stay zero: they follow the data.
      header.writeUInt16LE(entry.name.length, 26)
      await write(Buffer.concat([header, entry.name]))
      await pipeline(
        Readable.from(typeof content === 'string' ? [content] : content),
        async function* (pieces: AsyncIterable<string | Buffer>) {
          for await (const piece of pieces) {
            const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece
            entry.crc = crc32(bytes, entry.crc)
            entry.size += bytes.length
            yield bytes
          }
        },
        createDeflateRaw(),
        async (compressed: AsyncIterable<Buffer>) => {
          for await (const chunk of compressed) {
            entry.compressedSize += chunk.length
            await write(chunk)
          }
        },
      )
      if (entry.size > MAX_32) throw new Error(`${name} passes 4 GB, which needs zip64`)
      const descriptor = Buffer.alloc(16)
      descriptor.writeUInt32LE(0x08074b50, 0)
      descriptor.writeUInt32LE(entry.crc, 4)
      descriptor.writeUInt32LE(entry.compressedSize, 8)
      descriptor.writeUInt32LE(entry.size, 12)
      await write(descriptor)
      entries.push(entry)
    },

    async finish() {
      const start = offset
      const records = entries.map((entry) => {
        const record = Buffer.alloc(46)
        record.writeUInt32LE(0x02014b50, 0)
        record.writeUInt16LE(VERSION, 4)
        record.writeUInt16LE(VERSION, 6)
        record.writeUInt16LE(DATA_DESCRIPTOR_FLAG, 8)
        record.writeUInt16LE(DEFLATE, 10)
        record.writeUInt16LE(time, 12)
        record.writeUInt16LE(date, 14)
        record.writeUInt32LE(entry.crc, 16)
        record.writeUInt32LE(entry.compressedSize, 20)
        record.writeUInt32LE(entry.size, 24)
        record.writeUInt16LE(entry.name.length, 28)
        // Extra field, comment, disk number, attributes: none (30–41).
        record.writeUInt32LE(entry.offset, 42)
        return Buffer.concat([record, entry.name])
      })
      const directory = Buffer.concat(records)
      const end = Buffer.alloc(22)
      end.writeUInt32LE(0x06054b50, 0)
      end.writeUInt16LE(entries.length, 8)
      end.writeUInt16LE(entries.length, 10)
      end.writeUInt32LE(directory.length, 12)
      end.writeUInt32LE(start, 16)
      await write(Buffer.concat([directory, end]))
    },
  }
}
