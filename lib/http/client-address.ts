import { isIP } from 'node:net';

/**
 * Who sent a request, as the socket saw it. Route handlers and proxy.ts cannot reach the socket, so
 * scripts/server.mjs (which serves the app) writes its remote address into this header after deleting
 * any copy a client sent, and marks the process so that the header is trusted only when that server runs.
 * Keep the names in step with scripts/server.mjs.
 */
export const SOCKET_ADDRESS_HEADER = 'x-stop-socket-address';
const SERVED_BY_STOP_SERVER = Symbol.for('stop-studio.socket-address-header');

/** At most this many X-Forwarded-For hops are read (a longer header is someone else's invention). */
const MAX_HOPS = 32;

export function normalizeAddress(value: string | null | undefined): string | null {
  let address = value?.trim().toLowerCase();
  if (!address || address.length > 100) return null;
  if (address.startsWith('[') && address.includes(']')) address = address.slice(1, address.indexOf(']'));
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : null;
}

/** The socket's remote address, or null when the app is not served by scripts/server.mjs (e.g. plain `next start`). */
export function socketAddress(headers: Headers): string | null {
  if ((globalThis as Record<symbol, unknown>)[SERVED_BY_STOP_SERVER] !== true) return null;
  return normalizeAddress(headers.get(SOCKET_ADDRESS_HEADER));
}

/**
 * The client's address: the socket's, or, when the socket is a proxy the operator trusts
 * (STOP_TRUSTED_PROXIES), the nearest X-Forwarded-For hop that is not itself a trusted proxy.
 * Hops a client wrote itself sit further left and are never reached.
 */
export function clientAddress(headers: Headers, trustedProxies: readonly string[]): string {
  const socket = socketAddress(headers);
  if (!socket) return 'unknown';
  if (!trustedProxies.includes(socket)) return socket;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').slice(-MAX_HOPS).reverse();
  for (const hop of hops) {
    const address = normalizeAddress(hop);
    if (!address) return socket;
    if (!trustedProxies.includes(address)) return address;
  }
  return socket;
}

/**
 * The scheme the client used: the proxy's X-Forwarded-Proto behind a trusted proxy, else this server's
 * own. `requestUrl` decides when the app is not served by scripts/server.mjs (server actions have none:
 * then X-Forwarded-Proto, as Next.js sets it, is all there is).
 */
export function clientProtocol(headers: Headers, trustedProxies: readonly string[], requestUrl?: string): 'http:' | 'https:' {
  const forwardedHttps = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
  const socket = socketAddress(headers);
  if (socket === null) return (requestUrl ? new URL(requestUrl).protocol === 'https:' : forwardedHttps) ? 'https:' : 'http:';
  // scripts/server.mjs speaks plain HTTP; TLS is the reverse proxy's job.
  return trustedProxies.includes(socket) && forwardedHttps ? 'https:' : 'http:';
}
