/**
 * Contracts between the LM gateway (lib/lm) and its users (the sandbox's improver host, the engine).
 */

/** One call of `language_model.prompt` or `language_model.batch_prompt` from an improver. */
export interface LmPromptRequest {
  /** The system message (the improver's `expertise`, or the role in the older API form). */
  expertise: string;
  /** One message for `prompt`; several for `batch_prompt` (then n is 1 and one answer per message). */
  messages: string[];
  /** Responses wanted per message; already capped to maxResponsesPerCall by the caller. */
  n: number;
  temperature: number;
}

/** Raised by a session when an improver calls the model past its budget. */
export class LmBudgetExceededError extends Error {
  override name = 'LmBudgetExceededError';
  constructor(readonly budget: number) {
    super(`language model budget exhausted: all ${budget} calls of this improver invocation are used`);
  }
}

/** Raised when the model cannot answer (after retries), or a replay has no recorded answer. */
export class LmRequestError extends Error {
  override name = 'LmRequestError';
  constructor(
    message: string,
    readonly code: 'provider_error' | 'timeout' | 'replay_miss' | 'cancelled' | 'context_length' | 'response_too_large',
  ) {
    super(message);
  }
}

/**
 * The model as one improver invocation sees it: budgets counted on the host.
 * One call costs one unit whatever its batch size.
 */
export interface LanguageModelSession {
  readonly budget: number;
  readonly maxResponsesPerCall: number;
  readonly callsUsed: number;
  /** Returns n responses (prompt) or one per message (batch); throws LmBudgetExceededError past budget. */
  prompt(request: LmPromptRequest, signal?: AbortSignal): Promise<string[]>;
}
