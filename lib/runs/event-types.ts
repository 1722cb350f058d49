/**
 * The vocabulary of a run's append-only event log (db table `events`). The engine writes these;
 * the run page, the SSE route and resume read them. Payload fields are snake_case like the CLI's JSON.
 */
export interface RunEventPayloads {
  'run.started': { kind: string; config: Record<string, unknown>; sandbox_level: string; resumed: boolean };
  'run.completed': { result: Record<string, unknown> };
  'run.failed': { error: { code: string; message: string } };
  'run.cancelled': Record<string, never>;
  /** The spend cap was reached: the run stopped at a step boundary and keeps everything so far. */
  'run.budget_reached': { spent_usd: number; spent_tokens: number; max_cost_usd: number | null; max_tokens: number | null };
  'iteration.started': { repeat: number; iteration: number };
  /** An improver adopted (or kept) at (repeat, iteration); iteration 0 is the seed improver. */
  'improver.recorded': {
    repeat: number;
    iteration: number;
    improver_id: number;
    adopted: boolean;
    train_meta_utility: number | null;
    strategy_tags: string[];
  };
  /**
   * 'test' is measured on fresh copies (Figure 4's point); 'search-test' on the copies whose training
   * utility selected the improver (biased upward: the difference is the selection bias).
   */
  'meta_utility.measured': {
    repeat: number;
    iteration: number;
    set: 'train' | 'test' | 'search-test';
    mean: number;
    standard_error: number;
    copies: number;
  };
  'candidate.scored': {
    repeat: number;
    iteration: number;
    candidate_id: number;
    role: 'improver' | 'solution';
    utility: number | null;
    error: { code: string; message: string } | null;
  };
  'lm.call': {
    call_id: number;
    step_key: string | null;
    model: string;
    n: number;
    prompt_tokens: number;
    completion_tokens: number;
    latency_ms: number;
    cost_usd: number;
    retries: number;
    error: string | null;
    /** Written on resume for a call whose event the killed process never wrote. */
    recovered?: boolean;
    /** How the call was adapted to the server or what its answers carried (absent in older runs). */
    notes?: string[];
  };
  'utility.evaluated': { task_id: string; set: 'train' | 'test'; utility: number; cached: boolean; duration_ms: number };
  /** Something generated code tried that the sandbox refused or that the scanner flagged. */
  circumvention: { repeat: number; iteration: number; kind: string; detail: string; line: number | null };
  /** An improver invocation or evaluation that failed, with the sandbox error code. */
  error: { repeat: number | null; iteration: number | null; code: string; message: string; step_key: string | null };
  log: { level: 'info' | 'warn'; message: string };
}

export type RunEventType = keyof RunEventPayloads;

export interface TypedRunEvent<T extends RunEventType = RunEventType> {
  seq: number;
  type: T;
  payload: RunEventPayloads[T];
  createdAt: string;
}
