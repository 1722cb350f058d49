/**
 * Most bytes read of one response body (decoded). 32 answers at 8,192 tokens each are about 1 MiB of
 * text; the bound leaves room for reasoning and JSON escaping, and keeps a hostile server's 300 MB
 * answer out of the coordinator's memory.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** A response body longer than the bound: the call fails with code `response_too_large`, not retried. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(readonly limit: number) {
    super(`the server's response is larger than ${limit} bytes; reading stopped there`);
  }
}

/** Whether `error`, or an error it was wrapped in, is a ResponseTooLargeError. */
export function isResponseTooLarge(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof ResponseTooLargeError) return true;
    current = (current as { cause?: unknown; lastError?: unknown }).cause ?? (current as { lastError?: unknown }).lastError;
  }
  return false;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The body of `response`, read as a stream that fails past `limit` bytes (and stops reading there). */
function boundedBody(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) {
        await reader.cancel().catch(() => undefined);
        controller.error(new ResponseTooLargeError(limit));
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** `fetch` whose response bodies are read at most `limit` bytes far (a declared larger length fails at once). */
export function boundedFetch(limit = MAX_RESPONSE_BYTES, inner: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(limit);
    }
    if (!response.body) return response;
    return new Response(boundedBody(response.body, limit), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
