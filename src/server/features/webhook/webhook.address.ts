import dns from 'node:dns'
import net from 'node:net'
import ipaddr from 'ipaddr.js'
import { Agent, buildConnector } from 'undici'

// SSRF protection: a webhook may only reach public unicast addresses. Checked twice: when a URL is
// saved (a field error), and where the socket connects (the address DNS gave for this very
// connection, so a name that later resolves to 127.0.0.1 — DNS rebinding — is refused too).

export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`Refused to connect to ${address}: not a public address`)
    this.name = 'PrivateAddressError'
  }
}

/**
 * Only global unicast passes: loopback, private, link-local (169.254.169.254, the cloud metadata
 * service), unique-local, carrier-grade NAT, multicast, reserved, 0.0.0.0, NAT64 (64:ff9b::/96),
 * 6to4 and Teredo are refused; an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.process(address)
  return parsed.range() === 'unicast'
}

/** The IP a URL's host spells, if it is a literal (the URL parser already reads `2130706433` and `0177.0.0.1`). */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  return net.isIP(bare) ? bare : null
}

/**
 * Why a webhook URL may not be saved, or null. A literal address is judged as it is; a name by
 * every address it resolves to now (a name that does not resolve yet is judged when it is called).
 */
export async function targetRefusal(url: string): Promise<string | null> {
  const { hostname } = new URL(url)
  const literal = literalAddress(hostname)
  if (literal) return isPublicAddress(literal) ? null : 'This address is private, loopback or reserved'
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return 'This address is private, loopback or reserved'
  const addresses = await dns.promises.lookup(hostname, { all: true, verbatim: true }).catch(() => [])
  const refused = addresses.find((entry) => !isPublicAddress(entry.address))
  return refused ? `This host resolves to a private address (${refused.address})` : null
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void

/** dns.lookup that fails when any address it would hand to the socket is not public. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    const refused = addresses.find((entry) => !isPublicAddress(entry.address))
    if (refused) return callback(new PrivateAddressError(refused.address), [])
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}

/**
 * The HTTP agent webhooks are sent through. Unless private targets are allowed, every connection
 * checks the address it is about to open: literal IPs here (they skip DNS), names in the lookup.
 */
export function createWebhookAgent(options: { allowPrivate: boolean; timeoutMs: number }): Agent {
  if (options.allowPrivate) return new Agent({ connect: { timeout: options.timeoutMs }, connections: 64 })
  const connector = buildConnector({ timeout: options.timeoutMs, lookup: guardedLookup } as buildConnector.BuildOptions)
  return new Agent({
    connections: 64,
    connect(connectOptions, callback) {
      const literal = literalAddress(connectOptions.hostname)
      if (literal && !isPublicAddress(literal)) {
        callback(new PrivateAddressError(literal), null)
        return
      }
      connector(connectOptions, callback)
    },
  })
}
