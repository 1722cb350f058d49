// Serves the app (npm start, npm run app, Playwright): Next.js behind a small HTTP server of our own, so
// that the app knows each request's socket address (route handlers cannot see the socket).
// Usage: node scripts/server.mjs [--dev] [-H host] [-p port]   (defaults: HOST, PORT, 127.0.0.1:3000)
import { createServer } from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

// Keep in step with lib/http/client-address.ts.
const SOCKET_ADDRESS_HEADER = 'x-stop-socket-address';
const SERVED_BY_STOP_SERVER = Symbol.for('stop-studio.socket-address-header');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(names, fallback) {
  const index = process.argv.findIndex((arg) => names.includes(arg));
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

function isLoopback(host) {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

const dev = process.argv.includes('--dev');
const host = option(['-H', '--hostname'], process.env.HOST || '127.0.0.1');
const port = Number(option(['-p', '--port'], process.env.PORT || '3000'));
// The app reads HOST and PORT through lib/env.ts (e.g. the command line finding this server).
process.env.HOST = host;
process.env.PORT = String(port);

// Open mode (no admin token) gives everything to whoever reaches the port: only on loopback by default.
// lib/env.ts validates and documents STOP_ALLOW_OPEN_NETWORK and STOP_ADMIN_TOKEN.
if (!isLoopback(host) && !process.env.STOP_ADMIN_TOKEN?.trim() && process.env.STOP_ALLOW_OPEN_NETWORK !== '1') {
  console.error(
    `[server] refusing to listen on ${host}: no STOP_ADMIN_TOKEN is set, so anyone who reaches this address could ` +
      'run code on this machine. Set STOP_ADMIN_TOKEN (at least 24 characters), listen on 127.0.0.1, or set ' +
      'STOP_ALLOW_OPEN_NETWORK=1 to serve an open workbench to the network anyway.',
  );
  process.exit(2);
}
if (isIP(host) === 0 && !isLoopback(host)) {
  console.log(`[server] note: only loopback names, IP addresses and the host of STOP_PUBLIC_ORIGIN are answered`);
}

globalThis[SERVED_BY_STOP_SERVER] = true;
const app = next({ dev, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  // Whatever a client sent under this name is replaced by what the socket says.
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
  handle(request, response).catch((error) => {
    console.error('[server] request failed:', error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});
if (dev) server.on('upgrade', app.getUpgradeHandler());

server.listen(port, host, () => {
  console.log(`[server] STOP Studio on http://${host.includes(':') ? `[${host}]` : host}:${port}${dev ? ' (development)' : ''}`);
});

let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`[server] ${signal}: closing`);
  server.close();
  server.closeAllConnections?.();
  await app.close?.().catch(() => undefined);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void shutdown(signal));
