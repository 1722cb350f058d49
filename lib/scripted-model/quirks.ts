/**
 * Behaviours of real OpenAI-compatible servers that the scripted HTTP server can imitate, each
 * switchable, so that the gateway's handling of them is tested through the real `openai` client.
 */
export interface LatencyProfile {
  /** Time to the first token. */
  firstTokenMs: number;
  tokensPerSecond: number;
  /** Probability that a request is slow (a heavy tail), and how much slower at most. */
  tailProbability: number;
  tailFactor: number;
  /** Multiplies every delay (e.g. 0.01 for a time-scaled benchmark). */
  timeScale: number;
}

export interface ServerQuirks {
  /** n > 1: answered natively, answered with a single choice (llama.cpp), or refused with 400 (Ollama). */
  n?: 'native' | 'ignore' | 'reject';
  /**
   * A reasoning model (o1/o3-style): only the default temperature (1) is accepted, `max_tokens` is
   * refused in favour of `max_completion_tokens`, and every answer carries `reasoning_content` whose
   * tokens are counted in `completion_tokens_details.reasoning_tokens`.
   */
  reasoningModel?: boolean;
  /** Context window in tokens: a longer prompt (plus the completion limit) gets 400 context_length_exceeded. */
  contextWindow?: number;
  /** Per-"minute" limits answered with 429 and Retry-After; the minute lasts `windowMs` (default 60 000). */
  rateLimit?: { requestsPerMinute?: number; tokensPerMinute?: number; windowMs?: number };
  /** Latency that grows with the completion's length. */
  latency?: LatencyProfile;
}

/** A realistic hosted-model latency (time to first token ≈ 0.6 s, 40 tokens/s, 5 % of requests up to 4× slower). */
export const REALISTIC_LATENCY: LatencyProfile = {
  firstTokenMs: 600,
  tokensPerSecond: 40,
  tailProbability: 0.05,
  tailFactor: 4,
  timeScale: 1,
};

/** How long answering `completionTokens` takes under `profile` (`random` decides the tail). */
export function plannedLatencyMs(profile: LatencyProfile, completionTokens: number, random: () => number): number {
  const base = profile.firstTokenMs + (1000 * completionTokens) / Math.max(1e-6, profile.tokensPerSecond);
  const tail = random() < profile.tailProbability ? 1 + (profile.tailFactor - 1) * random() : 1;
  return Math.round(base * tail * profile.timeScale);
}

/**
 * Requests and tokens per fixed window. `admit` answers how long to wait (ms) before the window has
 * room, or 0 and counts the request.
 */
export class WindowRateLimiter {
  private windowStart = -Infinity;
  private requests = 0;
  private tokens = 0;

  constructor(
    private readonly limits: NonNullable<ServerQuirks['rateLimit']>,
    private readonly now: () => number = Date.now,
  ) {}

  admit(tokens: number): number {
    const windowMs = this.limits.windowMs ?? 60_000;
    const now = this.now();
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.requests = 0;
      this.tokens = 0;
    }
    const overRequests = this.limits.requestsPerMinute !== undefined && this.requests + 1 > this.limits.requestsPerMinute;
    const overTokens =
      this.limits.tokensPerMinute !== undefined && this.tokens > 0 && this.tokens + tokens > this.limits.tokensPerMinute;
    if (overRequests || overTokens) return Math.max(1, this.windowStart + windowMs - now);
    this.requests += 1;
    this.tokens += tokens;
    return 0;
  }
}
