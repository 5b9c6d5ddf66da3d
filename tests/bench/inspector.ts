import WebSocket from 'ws'
import type { ServerProcess } from '../support/processes.ts'

// A server process's own memory figures, through its inspector: started with `--inspect=127.0.0.1:0`
// (the bench does so), it prints where it listens. RSS alone moves by megabytes with the collector's
// timing (a connection's share came out anywhere from -3 to +18 KiB); after a full collection, the
// heap and the buffers outside it are what the process really holds.

export interface HeapFigures {
  /** V8's heap in use plus memory held outside it (Buffers), after a full collection, in KiB. */
  heapAndExternalKb: number
}

/** Collects garbage in `server` and reads its memory; undefined when it has no inspector. */
export async function heapAfterCollection(server: ServerProcess): Promise<HeapFigures | undefined> {
  const address = server.output().match(/Debugger listening on (ws:\/\/\S+)/)?.[1]
  if (!address) return undefined
  const socket = new WebSocket(address)
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)))
  let next = 0
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: string } } }>((resolve, reject) => {
      const id = ++next
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data))
        if (message.id !== id) return
        socket.off('message', onMessage)
        if (message.error) reject(new Error(message.error.message))
        else resolve(message)
      }
      socket.on('message', onMessage)
      socket.send(JSON.stringify({ id, method, params }))
    })
  try {
    await call('HeapProfiler.collectGarbage')
    const answer = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })
    const usage = JSON.parse(answer.result!.result!.value!) as NodeJS.MemoryUsage
    return { heapAndExternalKb: Math.round((usage.heapUsed + usage.external) / 1024) }
  } finally {
    socket.close()
  }
}
