/**
 * Reads a request body chunk by chunk, refusing it as soon as it passes `maxBytes` (whatever
 * Content-Length claimed): nothing larger is ever taken in.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the body is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`);
  }
}

/** The body's chunks as they arrive; throws BodyTooLargeError as soon as they pass `maxBytes`. */
export async function* readBodyChunks(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return;
  const reader = request.body.getReader();
  let finished = false;
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      total += value.byteLength;
      if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
      yield value;
    }
  } finally {
    // Stopped early (too large, or the reader refused the content): the rest is not read.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}
