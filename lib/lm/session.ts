import { LmBudgetExceededError, type LanguageModelSession, type LmPromptRequest } from './types';

export interface SessionLimits {
  budget: number;
  maxResponsesPerCall: number;
}

/** A request as it is sent: `n` and the batch cut to maxResponsesPerCall, with what was asked for. */
export interface CappedRequest extends LmPromptRequest {
  requestedN: number;
  requestedMessages: number;
}

/**
 * Cuts a request to the session's limits: `prompt` gets at most maxResponsesPerCall samples; a batch
 * (several messages) gets n = 1 and at most maxResponsesPerCall messages, as in the reference code.
 */
export function capRequest(request: LmPromptRequest, maxResponsesPerCall: number): CappedRequest {
  const batch = request.messages.length > 1;
  return {
    expertise: request.expertise,
    messages: batch ? request.messages.slice(0, maxResponsesPerCall) : request.messages,
    n: batch ? 1 : Math.min(Math.max(1, Math.floor(request.n)), maxResponsesPerCall),
    temperature: request.temperature,
    requestedN: request.n,
    requestedMessages: request.messages.length,
  };
}

/**
 * One improver invocation's view of the model: each call costs one unit of budget whatever its batch
 * size (counted when the call starts, so concurrent calls cannot overspend), and is cut to the limits.
 */
export function createSession(
  limits: SessionLimits,
  call: (callIndex: number, request: CappedRequest, signal?: AbortSignal) => Promise<string[]>,
): LanguageModelSession {
  let callsUsed = 0;
  return {
    budget: limits.budget,
    maxResponsesPerCall: limits.maxResponsesPerCall,
    get callsUsed() {
      return callsUsed;
    },
    async prompt(request, signal) {
      if (callsUsed >= limits.budget) throw new LmBudgetExceededError(limits.budget);
      const callIndex = callsUsed;
      callsUsed += 1;
      return call(callIndex, capRequest(request, limits.maxResponsesPerCall), signal);
    },
  };
}
