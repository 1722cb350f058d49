import { LmBudgetExceededError } from './types';

/** An amount of model use: dollars and tokens (prompt and completion together). */
export interface LmSpend {
  costUsd: number;
  tokens: number;
}

/** What a reserved request settles with once its real (validated) usage is known. */
export interface SpendReservation {
  /** Releases the reservation and counts `actual` instead (zero for a failed request). Once only. */
  settle(actual: LmSpend): void;
}

/**
 * The run's spend cap as the gateway sees it (implemented by lib/runs/spend.ts). Before every model
 * request the gateway reserves the most the request can cost; a request that could cross the cap is
 * refused before anything is sent.
 */
export interface SpendGuard {
  /** Whether a cap binds at all (then every request is sent with a completion token limit). */
  readonly bounded: boolean;
  reserve(most: LmSpend): SpendReservation | { refused: string };
}

/**
 * Completion tokens reserved per answer when the run sets no limit of its own; runs with a cap also
 * send it as the request's limit, so that what was reserved is what the server may produce.
 */
export const RESERVED_ANSWER_TOKENS = 8192;

/** A request refused because it could cross the run's spend cap: the improver sees a spent budget. */
export class LmSpendCapError extends LmBudgetExceededError {
  override name = 'LmSpendCapError';
  constructor(readonly detail: string) {
    super(0);
    this.message = `language model budget exhausted: ${detail}`;
  }
}
