import { WebSocket } from 'ws'
import type { AppSocketServer } from './socket-server.ts'

/**
 * A live event to every socket of some rooms on this node, its WebSocket frame built once and written
 * straight to each connection.
 *
 * Through `io.local.to(rooms).emit`, each of the 500 sockets of a team on a node costs Socket.IO's
 * and Engine.IO's machinery per packet: a packet object, `packetCreate`, `flush` and `drain` events
 * on the socket and the server, the transport's writable flag and a completion callback that flushes
 * again; about a third of a node's fan-out CPU beside the kernel's socket writes. Here a socket whose
 * connection is an open WebSocket with nothing waiting in Engine.IO's buffer gets the frame written
 * to its `ws` sender: the frame socket.io-adapter precomputes for Engine.IO (`wsPreEncodedFrame`, in
 * one buffer: socket-server.ts). The frames of one batch of events (the relay hands them over
 * together) go out at the end of the turn, in their order, in one write per connection. Any other
 * socket (long polling, a write still in flight, a compressed connection) goes through Engine.IO as
 * before, and a connection that Engine.IO wrote to in the meantime gets the turn's frames through
 * Engine.IO after it: live events never overtake each other.
 * (`_encode`, `_sender`, `writeBuffer` and `writable` are what socket.io-adapter and Engine.IO 6
 * work through; should a later version change them, every socket takes Socket.IO's own path.)
 */
export function createLiveBroadcast(io: AppSocketServer) {
  const namespace = io.of('/')
  const stats = { direct: 0, throughEngine: 0 }
  /** Frames for connections written to directly, until the end of this turn: a batch of events in one write. */
  const pending = new Map<EngineClient, Message[]>()

  function flush() {
    // Taken out first: whatever happens below, the next turn starts with nothing pending.
    const batch = Array.from(pending)
    pending.clear()
    for (const [client, messages] of batch) {
      const sender = writableSender(client.conn)
      if (sender) {
        sender.sendFrame([messages.length === 1 ? messages[0].frame : Buffer.concat(messages.map((message) => message.frame))])
        stats.direct += messages.length
      } else {
        // Something went through Engine.IO meanwhile: these follow it, in their order.
        for (const message of messages) client.writeToEngine(message.encoded, message.options)
        stats.throughEngine += messages.length
      }
    }
  }

  function broadcast(rooms: string[], event: string, payload: unknown) {
    const adapter = namespace.adapter as unknown as {
      rooms: Map<string, Set<string>>
      _encode?(packet: unknown, options: { preEncoded: true; wsPreEncodedFrame?: Buffer[] }): unknown[]
    }
    // The adapter's own encoding, as its broadcast does: the packet, and for a text packet the
    // WebSocket frame, which socket-server.ts has it build in one buffer.
    const options: { preEncoded: true; wsPreEncodedFrame?: Buffer[] } = { preEncoded: true }
    const encoded = adapter._encode?.({ type: 2, nsp: '/', data: [event, payload] }, options)
    const frame = options.wsPreEncodedFrame
    if (!encoded || frame?.length !== 1 || !Buffer.isBuffer(frame[0])) {
      // A binary payload (no frame), or an adapter that builds none: Socket.IO's own broadcast,
      // after what this turn has pending.
      flush()
      const operator = io.local.to(rooms) as unknown as { emit(event: string, payload: unknown): void }
      operator.emit(event, payload)
      return
    }
    const message: Message = { frame: frame[0], encoded, options: { preEncoded: true, wsPreEncodedFrame: frame } }
    const seen = rooms.length > 1 ? new Set<string>() : undefined
    for (const room of rooms) {
      const members = adapter.rooms.get(room)
      if (!members) continue
      for (const id of members) {
        if (seen) {
          if (seen.has(id)) continue
          seen.add(id)
        }
        const socket = namespace.sockets.get(id)
        if (!socket) continue
        const client = socket.client as unknown as EngineClient
        const queued = pending.get(client)
        if (queued) {
          queued.push(message)
        } else if (writableSender(client.conn)) {
          if (pending.size === 0) queueMicrotask(flush)
          pending.set(client, [message])
        } else {
          client.writeToEngine(encoded, message.options)
          stats.throughEngine++
        }
      }
    }
  }

  return { broadcast, stats }
}

interface Message {
  frame: Buffer
  encoded: unknown[]
  options: { preEncoded: true; wsPreEncodedFrame: Buffer[] }
}

interface EngineClient {
  conn: EngineConnection
  writeToEngine(packets: unknown[], options: object): void
}

interface EngineConnection {
  readyState: string
  writeBuffer?: unknown[]
  transport: { name: string; writable: boolean; perMessageDeflate?: unknown; socket?: { readyState: number; _sender?: { sendFrame?(list: Buffer[], cb?: () => void): void } } }
}

/** The `ws` sender of a connection that can take a frame now without reordering anything; else null. */
function writableSender(conn: EngineConnection) {
  const { transport } = conn
  if (conn.readyState !== 'open' || transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return null
  if (!Array.isArray(conn.writeBuffer) || conn.writeBuffer.length > 0) return null
  const socket = transport.socket
  if (socket?.readyState !== WebSocket.OPEN || typeof socket._sender?.sendFrame !== 'function') return null
  return socket._sender as { sendFrame(list: Buffer[], cb?: () => void): void }
}
