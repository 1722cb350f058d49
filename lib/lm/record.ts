import type { ModelPrice } from './prices';

/** lm_calls.meta: reasoning kept out of the improver's view, finish reasons, notes on adapting to the server. */
export interface LmCallMeta {
  reasoning?: (string | null)[];
  reasoning_tokens?: number;
  finish_reasons?: string[];
  notes?: string[];
  /** The in-process scripted model's label of each answer's deliberate imperfection (null: none). */
  scripted_imperfections?: (string | null)[];
  /** What the server reported when its usage was not believed (then the counts were estimated from the text). */
  reported_usage?: { prompt_tokens: number | null; completion_tokens: number | null };
}

/** The request as recorded (jsonb `request` of lm_calls). */
export interface RecordedRequest extends Record<string, unknown> {
  expertise: string;
  messages: string[];
  n: number;
  temperature: number;
  requested_n: number;
  requested_messages: number;
  seed: number;
}

/** One call of a session, as recorded and handed to onCall. */
export interface LmCallRecord {
  /** The record's id (a local sequence number when the gateway records nowhere). */
  id: number;
  runId: string;
  stepKey: string;
  requestKey: string;
  ordinal: number;
  provider: 'scripted' | 'openai' | 'replay';
  model: string;
  n: number;
  request: RecordedRequest;
  responses: string[];
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  latencyMs: number;
  retries: number;
  error: string | null;
  /** 'model': answered now; 'record': this run's own earlier answer (resume); 'replay': another run's. */
  source: 'model' | 'record' | 'replay';
  /** Reasoning removed from the answers, finish reasons, and how the request was adapted to the server. */
  meta: LmCallMeta | null;
}

/** A call as the recorder keeps it. */
export type StoredLmCall = Omit<LmCallRecord, 'id' | 'source'>;

/**
 * Where the gateway keeps its calls and finds prices (implemented by lib/runs/lm-recorder.ts over the
 * database): the LM layer itself knows no storage.
 */
export interface LmCallRecorder {
  /** Stores a call; undefined when (run, request key, ordinal) already has a successful answer. */
  store(call: StoredLmCall): Promise<number | undefined>;
  /** This run's successful earlier answer to a call (a resumed run answers from it). */
  findAnswered(runId: string, requestKey: string, ordinal: number): Promise<(StoredLmCall & { id: number }) | undefined>;
  /** Every recorded call of a run, failed ones too (what replay answers from). */
  listCalls(runId: string): Promise<StoredLmCall[]>;
  /** The price of a model: the operator's price table before the built-in defaults. */
  price(model: string): Promise<ModelPrice | undefined>;
}
