import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientAddress, clientProtocol, SOCKET_ADDRESS_HEADER } from './client-address';

const MARK = Symbol.for('stop-studio.socket-address-header');
const marked = globalThis as Record<symbol, unknown>;

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('client address', () => {
  beforeEach(() => {
    marked[MARK] = true;
  });
  afterEach(() => {
    delete marked[MARK];
  });

  it('is the socket address, whatever X-Forwarded-For says', () => {
    const request = headers({ [SOCKET_ADDRESS_HEADER]: '::ffff:203.0.113.7', 'x-forwarded-for': '198.51.100.1, 10.0.0.1' });
    expect(clientAddress(request, [])).toBe('203.0.113.7');
  });

  it('behind a trusted proxy, is the nearest hop the proxy did not write itself', () => {
    const request = headers({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 127.0.0.1' });
    expect(clientAddress(request, ['127.0.0.1'])).toBe('203.0.113.7');
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': 'junk' }), ['127.0.0.1'])).toBe('127.0.0.1');
  });

  it('is "unknown" when the app is not served by scripts/server.mjs (the header could be anyone\'s)', () => {
    delete marked[MARK];
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: '203.0.113.7' }), [])).toBe('unknown');
  });

  it('takes the scheme from a trusted proxy only', () => {
    const url = 'http://127.0.0.1:3000/api/runs';
    expect(clientProtocol(headers({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-proto': 'https' }), [], url)).toBe('http:');
    expect(clientProtocol(headers({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-proto': 'https' }), ['127.0.0.1'], url)).toBe('https:');
  });
});
