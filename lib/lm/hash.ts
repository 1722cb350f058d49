import { createHash } from 'node:crypto';

/** SHA-256 hex of the JSON of `parts` (arrays keep their order, so the encoding is unambiguous). */
export function hashParts(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A 32-bit unsigned integer derived from `parts`. */
export function hash32(...parts: unknown[]): number {
  return Number.parseInt(hashParts(...parts).slice(0, 8), 16) >>> 0;
}

export interface RequestKeyParts {
  stepKey: string;
  /** The call's index within its session (0 for the first call of an improver invocation). */
  callIndex: number;
  model: string;
  expertise: string;
  messages: string[];
  n: number;
  temperature: number;
}

/** The key under which a call is recorded and looked up on replay. */
export function requestKey(parts: RequestKeyParts): string {
  return hashParts(
    'lm-call/v1',
    parts.stepKey,
    parts.callIndex,
    parts.model,
    parts.expertise,
    parts.messages,
    parts.n,
    parts.temperature,
  );
}
