/**
 * A streaming JSON scanner for large documents of known outline (a run bundle): it walks the containers
 * named by `descend` structurally and hands every other value to `onValue` as one piece of text, so
 * memory is bounded by the largest such value (`maxValueBytes`), not by the document. Only structural
 * bytes are looked at; multi-byte UTF-8 sequences never contain ASCII bytes, so scanning bytes is safe.
 */
export class JsonScanError extends Error {}

export type JsonPath = readonly (string | number)[];

export interface ScannerOptions {
  /** Whether the object or array at `path` is walked (its members reported one by one) rather than reported whole. */
  descend(path: JsonPath, kind: 'object' | 'array'): boolean;
  /** A complete value (its JSON text); may return a promise, which is awaited before scanning on. */
  onValue(path: JsonPath, text: string): void | Promise<void>;
  maxValueBytes: number;
  /** At most this many members per walked container (keeps a hostile document from looping forever on tiny values). */
  maxMembers?: number;
}

interface Frame {
  kind: 'object' | 'array';
  path: JsonPath;
  state: 'key-or-end' | 'key' | 'colon' | 'value-or-end' | 'value' | 'comma-or-end';
  key: string | null;
  members: number;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Which path a value in `frame` gets: its key, or its index. */
function memberPath(frame: Frame): JsonPath {
  return [...frame.path, frame.kind === 'object' ? frame.key! : frame.members];
}

export function pathText(path: JsonPath): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '') || '(root)';
}

export class JsonScanner {
  private readonly stack: Frame[] = [];
  private started = false;
  private finished = false;
  // A value being captured whole.
  private capture: { path: JsonPath; parts: Buffer[]; bytes: number; depth: number; inString: boolean; escaped: boolean; scalar: boolean } | null = null;
  // A key being read.
  private keyParts: { parts: Buffer[]; bytes: number; escaped: boolean } | null = null;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly options: ScannerOptions) {}

  async write(chunk: Buffer): Promise<void> {
    let index = 0;
    while (index < chunk.length) {
      if (this.capture) {
        index = await this.continueCapture(chunk, index);
        continue;
      }
      if (this.keyParts) {
        index = this.continueKey(chunk, index);
        continue;
      }
      const byte = chunk[index]!;
      if (WHITESPACE.has(byte)) {
        index += 1;
        continue;
      }
      index = this.structural(chunk, index, byte);
    }
  }

  end(): void {
    if (this.capture?.scalar && this.stack.length === 0) throw new JsonScanError('a bare value is not a run bundle');
    if (!this.finished || this.capture || this.keyParts) throw new JsonScanError('the document ends too early');
  }

  private fail(message: string): never {
    throw new JsonScanError(message);
  }

  private structural(chunk: Buffer, index: number, byte: number): number {
    if (this.finished) this.fail('there is more after the end of the document');
    const frame = this.stack.at(-1);
    if (!frame) {
      if (this.started) this.fail('there is more after the end of the document');
      this.started = true;
      return this.startValue(chunk, index, [], byte);
    }
    const char = String.fromCharCode(byte);
    switch (frame.state) {
      case 'key-or-end':
      case 'key':
        if (char === '}' && frame.state === 'key-or-end') return this.close(index);
        if (byte !== QUOTE) this.fail(`${pathText(frame.path)}: a key was expected`);
        this.keyParts = { parts: [], bytes: 0, escaped: false };
        return index + 1;
      case 'colon':
        if (char !== ':') this.fail(`${pathText(frame.path)}: ':' was expected`);
        frame.state = 'value';
        return index + 1;
      case 'value-or-end':
      case 'value':
        if (char === ']' && frame.state === 'value-or-end') return this.close(index);
        return this.startValue(chunk, index, memberPath(frame), byte);
      case 'comma-or-end':
        if (char === ',') {
          frame.state = frame.kind === 'object' ? 'key' : 'value';
          return index + 1;
        }
        if ((char === '}' && frame.kind === 'object') || (char === ']' && frame.kind === 'array')) return this.close(index);
        return this.fail(`${pathText(frame.path)}: ',' was expected`);
    }
  }

  private startValue(chunk: Buffer, index: number, path: JsonPath, byte: number): number {
    const char = String.fromCharCode(byte);
    if (',:}]'.includes(char)) this.fail(`${pathText(path)}: a value was expected`);
    const kind = char === '{' ? 'object' : char === '[' ? 'array' : null;
    if (kind && this.options.descend(path, kind)) {
      this.stack.push({ kind, path, state: kind === 'object' ? 'key-or-end' : 'value-or-end', key: null, members: 0 });
      return index + 1;
    }
    this.capture = { path, parts: [], bytes: 0, depth: 0, inString: false, escaped: false, scalar: kind === null && byte !== QUOTE };
    return index;
  }

  private close(index: number): number {
    this.stack.pop();
    this.afterValue();
    return index + 1;
  }

  /** The value at the top of the stack is complete. */
  private afterValue(): void {
    const frame = this.stack.at(-1);
    if (!frame) {
      this.finished = true;
      return;
    }
    frame.members += 1;
    if (this.options.maxMembers !== undefined && frame.members > this.options.maxMembers) {
      this.fail(`${pathText(frame.path)} has more than ${this.options.maxMembers} entries`);
    }
    frame.state = 'comma-or-end';
  }

  private continueKey(chunk: Buffer, index: number): number {
    const key = this.keyParts!;
    let end = index;
    while (end < chunk.length) {
      const byte = chunk[end]!;
      if (key.escaped) key.escaped = false;
      else if (byte === BACKSLASH) key.escaped = true;
      else if (byte === QUOTE) break;
      end += 1;
    }
    key.parts.push(Buffer.from(chunk.subarray(index, end)));
    key.bytes += end - index;
    if (key.bytes > 1000) this.fail(`${pathText(this.stack.at(-1)!.path)}: a key is longer than 1,000 bytes`);
    if (end === chunk.length) return end;
    const frame = this.stack.at(-1)!;
    try {
      frame.key = JSON.parse(`"${this.decoder.decode(Buffer.concat(key.parts))}"`) as string;
    } catch {
      this.fail(`${pathText(frame.path)}: a key is not a valid string`);
    }
    this.keyParts = null;
    frame.state = 'colon';
    return end + 1;
  }

  private async continueCapture(chunk: Buffer, index: number): Promise<number> {
    const capture = this.capture!;
    let end = index;
    let done = false;
    while (end < chunk.length && !done) {
      const byte = chunk[end]!;
      if (capture.scalar) {
        if (WHITESPACE.has(byte) || byte === 0x2c || byte === 0x7d || byte === 0x5d) {
          done = true;
          break;
        }
      } else if (capture.inString) {
        if (capture.escaped) capture.escaped = false;
        else if (byte === BACKSLASH) capture.escaped = true;
        else if (byte === QUOTE) {
          capture.inString = false;
          if (capture.depth === 0) done = true;
        }
      } else if (byte === QUOTE) capture.inString = true;
      else if (byte === 0x7b || byte === 0x5b) capture.depth += 1;
      else if (byte === 0x7d || byte === 0x5d) {
        capture.depth -= 1;
        if (capture.depth === 0) done = true;
      }
      end += 1;
    }
    capture.parts.push(Buffer.from(chunk.subarray(index, end)));
    capture.bytes += end - index;
    if (capture.bytes > this.options.maxValueBytes) {
      this.fail(`${pathText(capture.path)} is larger than ${Math.round(this.options.maxValueBytes / (1024 * 1024))} MB`);
    }
    if (!done) return end;
    this.capture = null;
    let text: string;
    try {
      text = this.decoder.decode(Buffer.concat(capture.parts));
    } catch {
      this.fail(`${pathText(capture.path)} is not valid UTF-8`);
    }
    await this.options.onValue(capture.path, text);
    this.afterValue();
    return end;
  }
}
