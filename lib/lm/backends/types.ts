import { LmRequestError } from '../types';

/** One request to a model: a system message, one user message, n samples. */
export interface CompletionRequest {
  system: string;
  message: string;
  n: number;
  temperature: number;
  /** Sent as the OpenAI `seed`: makes repeated identical requests distinguishable and reproducible. */
  seed: number;
}

export interface CompletionResult {
  responses: string[];
  promptTokens: number;
  completionTokens: number;
  retries: number;
}

/** Something that answers completion requests: the in-process scripted model or an HTTP server. */
export interface ModelBackend {
  readonly provider: 'scripted' | 'openai';
  readonly model: string;
  complete(request: CompletionRequest, signal?: AbortSignal): Promise<CompletionResult>;
}

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
