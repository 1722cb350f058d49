import { isIP } from 'node:net';

/**
 * DNS rebinding defence: a page of evil.example whose name later resolves to 127.0.0.1 reaches this
 * server with `Host: evil.example`. Only names the operator can vouch for are served: loopback names,
 * IP literals (a browser never sends one for a page of another name) and the host of STOP_PUBLIC_ORIGIN.
 */
export function hostnameOf(hostHeader: string | null): string | null {
  const value = hostHeader?.trim().toLowerCase();
  if (!value || value.length > 300) return null;
  try {
    const { hostname } = new URL(`http://${value}`);
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return null;
  }
}

export function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Why the Host header is refused (answered with 421), or null. */
export function unknownHostRefusal(hostHeader: string | null, publicOrigin?: string): string | null {
  const hostname = hostnameOf(hostHeader);
  if (hostname === null) return 'the request has no readable Host header';
  if (isLoopbackName(hostname) || isIP(hostname) !== 0) return null;
  if (publicOrigin && new URL(publicOrigin).hostname === hostname) return null;
  return `this server does not answer for the host "${hostname.slice(0, 100)}" (set STOP_PUBLIC_ORIGIN to the address it is served under)`;
}
