import type { Readable } from 'node:stream';

export type ProtocolMessage = Record<string, unknown> & { type?: unknown };

/**
 * Splits a byte stream into JSON lines. A line longer than `maxBytes` or that is not a JSON object
 * is a protocol violation: `onViolation` is called once and reading stops.
 */
export function readJsonLines(
  stream: Readable,
  maxBytes: number,
  onMessage: (message: ProtocolMessage) => void,
  onViolation: (reason: string) => void,
): void {
  let chunks: Buffer[] = [];
  let size = 0;
  let broken = false;
  const fail = (reason: string): void => {
    if (broken) return;
    broken = true;
    chunks = [];
    onViolation(reason);
  };
  const emit = (line: Buffer): void => {
    if (line.length === 0) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.toString('utf8'));
    } catch {
      return fail('a protocol message was not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return fail('a protocol message was not a JSON object');
    }
    onMessage(parsed as ProtocolMessage);
  };
  stream.on('data', (chunk: Buffer) => {
    if (broken) return;
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      if (size + piece.length > maxBytes) return fail(`a protocol message exceeded ${maxBytes} bytes`);
      emit(chunks.length ? Buffer.concat([...chunks, piece]) : piece);
      chunks = [];
      size = 0;
      start = newline + 1;
      if (broken) return;
    }
    const rest = chunk.subarray(start);
    size += rest.length;
    if (size > maxBytes) return fail(`a protocol message exceeded ${maxBytes} bytes`);
    if (rest.length) chunks.push(Buffer.from(rest));
  });
  stream.on('error', () => undefined);
}

/** Keeps the last `maxBytes` of a stream, and counts everything. */
export class TailBuffer {
  private parts: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.parts.push(chunk);
    this.kept += chunk.length;
    while (this.parts.length > 1 && this.kept - this.parts[0]!.length >= this.maxBytes) {
      this.kept -= this.parts.shift()!.length;
    }
  }

  text(): string {
    const all = Buffer.concat(this.parts);
    return all.subarray(Math.max(0, all.length - this.maxBytes)).toString('utf8');
  }
}
