import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './csrf';
import { unknownHostRefusal } from './known-hosts';

describe('known hosts', () => {
  it('answers loopback names and IP literals', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'app.localhost', '192.168.1.20:3000']) {
      expect(unknownHostRefusal(host), host).toBeNull();
    }
  });

  it('refuses other names (DNS rebinding) unless they are the public origin\'s', () => {
    expect(unknownHostRefusal('evil.example')).toMatch(/evil\.example/);
    expect(unknownHostRefusal('evil.example:3000', 'https://stop.example.org')).toMatch(/evil\.example/);
    expect(unknownHostRefusal('stop.example.org', 'https://stop.example.org')).toBeNull();
    expect(unknownHostRefusal(null)).toMatch(/Host/);
  });

  it('refuses an https Origin on an http server', () => {
    const facts = { method: 'POST', origin: 'https://127.0.0.1:3000', secFetchSite: null, host: '127.0.0.1:3000', protocol: 'http:' };
    expect(crossSiteRefusal(facts)).toMatch(/https Origin on an http server/);
    expect(crossSiteRefusal({ ...facts, origin: 'http://127.0.0.1:3000' })).toBeNull();
  });
});
