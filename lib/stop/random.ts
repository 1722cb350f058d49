import { createHash } from 'node:crypto';

/** A deterministic number in [0, 1) from any parts (for reproducible random choices of the engine). */
export function hashUnit(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
