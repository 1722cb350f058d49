import { LmRequestError } from '../types';

/** One request to a model: a system message, one user message, n samples. */
export interface CompletionRequest {
  system: string;
  message: string;
  n: number;
  temperature: number;
  /** Sent as the OpenAI `seed`: makes repeated identical requests distinguishable and reproducible. */
  seed: number;
  /** Completion token limit (sent as max_tokens, or max_completion_tokens where the server wants that). */
  maxTokens?: number;
}

export interface CompletionResult {
  responses: string[];
  promptTokens: number;
  /** All completion tokens, reasoning tokens included. */
  completionTokens: number;
  retries: number;
  /** Per response: reasoning the server sent apart from the answer (`reasoning_content`), if any. */
  reasoning?: (string | null)[];
  /** Per response: the server's finish reason ('stop', 'length' …). */
  finishReasons?: string[];
  /** Reasoning tokens as the server counted them (included in completionTokens). */
  reasoningTokens?: number;
  /** How the request was adapted to the server, in words (e.g. a temperature it would not take). */
  adaptations?: string[];
  /** Why the token counts were estimated rather than taken from the server (its usage was not believable). */
  usageNotes?: string[];
  /** What the server reported when it was not believed. */
  reportedUsage?: { prompt_tokens: number | null; completion_tokens: number | null };
  /** In-process scripted model only: which imperfection each answer was given on purpose (null: none). */
  scriptedImperfections?: (string | null)[];
}

/** Something that answers completion requests: the in-process scripted model or an HTTP server. */
export interface ModelBackend {
  readonly provider: 'scripted' | 'openai';
  readonly model: string;
  complete(request: CompletionRequest, signal?: AbortSignal): Promise<CompletionResult>;
}

/**
 * Makes the backend of the `scripted` provider for one gateway. The gateway does not know the scripted
 * model: whoever builds a gateway that may choose it (the runs part, tests) passes lib/scripted-model's
 * `scriptedBackend`.
 */
export type ScriptedBackendFactory = (options: { seed: number; model: string }) => ModelBackend;

/** An LmRequestError that also says how many retries were spent before giving up. */
export class LmCallFailedError extends LmRequestError {
  constructor(
    message: string,
    code: LmRequestError['code'],
    readonly retries: number,
  ) {
    super(message, code);
  }
}
