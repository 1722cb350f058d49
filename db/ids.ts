import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A short, URL-safe, unguessable identifier with a readable prefix, e.g. run_5k2x9q…. */
export function newId(prefix: string, bytes = 10): string {
  const raw = randomBytes(bytes);
  let out = '';
  for (const byte of raw) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

/** Content hash used for caching and deduplication of programs. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
