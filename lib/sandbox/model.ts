/**
 * The language model as the sandbox needs it: an improver's `language_model` proxy calls this on the host.
 * The sandbox knows no LM gateway; the engine (lib/stop/invoke.ts) adapts its session to this interface
 * and translates the gateway's errors into ModelRefusal.
 */
export interface ModelRequest {
  /** The system message (the improver's `expertise`, or the role in the older API form). */
  expertise: string;
  /** One message for `prompt`; several for `batch_prompt` (then n is 1 and one answer per message). */
  messages: string[];
  /** Responses wanted per message; already capped to maxResponsesPerCall by the caller. */
  n: number;
  temperature: number;
}

/** The model one improver invocation may call; its budget is counted on the host, one unit per call. */
export interface ImproverModel {
  readonly budget: number;
  readonly maxResponsesPerCall: number;
  readonly callsUsed: number;
  /** Returns n responses (prompt) or one per message (batch); throws ModelRefusal when it will not answer. */
  prompt(request: ModelRequest, signal?: AbortSignal): Promise<string[]>;
}

/** Why the model refused a call: its budget is spent, or the prompt does not fit its context. */
export type ModelRefusalKind = 'budget' | 'context_length';

/** Raised by an ImproverModel that refuses a call; the improver sees the message and the kind. */
export class ModelRefusal extends Error {
  override name = 'ModelRefusal';
  constructor(
    message: string,
    readonly kind: ModelRefusalKind,
  ) {
    super(message);
  }
}
