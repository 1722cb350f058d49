import type { LmSpend, SpendGuard, SpendReservation } from '@/lib/lm/spend-guard';
import type { SpendCap } from './config';

/** What a run has spent on its language model so far (all sessions of the run together). */
export interface Spend {
  costUsd: number;
  tokens: number;
}

/** Thrown at a step boundary once the run's spend has reached its cap (or a request was refused). */
export class BudgetReachedError extends Error {
  override name = 'BudgetReachedError';
  constructor(
    readonly spent: Spend,
    readonly cap: SpendCap,
    /** The request that could have crossed the cap, at most (when one was refused). */
    readonly refused?: Spend,
  ) {
    super(
      `the spend cap was reached (${describeSpend(spent)} of ${describeCap(cap)})` +
        (refused ? `; the next model request, which could cost up to ${describeSpend(refused)}, was not sent` : ''),
    );
  }
}

export function describeSpend(spent: Spend): string {
  return `$${spent.costUsd.toFixed(4)}, ${spent.tokens.toLocaleString('en-US')} tokens`;
}

export function describeCap(cap: SpendCap): string {
  const parts = [
    cap.maxCostUsd !== undefined ? `$${cap.maxCostUsd}` : null,
    cap.maxTokens !== undefined ? `${cap.maxTokens.toLocaleString('en-US')} tokens` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' or ') : 'no cap';
}

/** Whether `spent` has reached either bound of the cap (an absent bound never binds). */
export function capReached(spent: Spend, cap: SpendCap | undefined): boolean {
  if (!cap) return false;
  return (
    (cap.maxCostUsd !== undefined && spent.costUsd >= cap.maxCostUsd) ||
    (cap.maxTokens !== undefined && spent.tokens >= cap.maxTokens)
  );
}

/** Which bounds an estimate exceeds, for the preflight panel. */
export function estimateAgainstCap(
  estimate: Spend,
  cap: SpendCap | undefined,
): { overCost: boolean; overTokens: boolean } {
  return {
    overCost: cap?.maxCostUsd !== undefined && estimate.costUsd > cap.maxCostUsd,
    overTokens: cap?.maxTokens !== undefined && estimate.tokens > cap.maxTokens,
  };
}

const NOTHING: Spend = { costUsd: 0, tokens: 0 };

function plus(a: Spend, b: Spend, sign = 1): Spend {
  return { costUsd: a.costUsd + sign * b.costUsd, tokens: a.tokens + sign * b.tokens };
}

/** A usage figure as counted: never negative, never NaN (so that nothing can raise the remaining cap). */
function counted(amount: LmSpend): Spend {
  const clean = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);
  return { costUsd: clean(amount.costUsd), tokens: clean(amount.tokens) };
}

/**
 * A run's spend against its cap. Every model request reserves what it can cost at most before it is
 * sent (lib/lm asks through SpendGuard); a request that could cross the cap is refused, and the run
 * stops. The engine also checks before every new step.
 */
export class SpendMeter implements SpendGuard {
  private spent: Spend;
  private reserved: Spend = { ...NOTHING };
  /** Set by the first check or reservation that found the cap reached. */
  reached = false;
  /** The request refused at the cap, at most (absent when the cap was found reached at a step boundary). */
  refused?: Spend;
  constructor(
    readonly cap: SpendCap | undefined,
    prior: Spend = NOTHING,
    /** Called once, when the cap is first found reached (the runner stops the steps in flight). */
    private readonly onReached?: () => void,
  ) {
    this.spent = counted(prior);
  }

  get bounded(): boolean {
    return this.cap?.maxCostUsd !== undefined || this.cap?.maxTokens !== undefined;
  }

  /** Counts spend that was not reserved (negative or non-finite figures count as nothing). */
  add(costUsd: number, tokens: number): void {
    this.spent = plus(this.spent, counted({ costUsd, tokens }));
  }

  get total(): Spend {
    return { ...this.spent };
  }

  reserve(most: LmSpend): SpendReservation | { refused: string } {
    const amount = counted(most);
    const after = plus(plus(this.spent, this.reserved), amount);
    if (this.cap && (exceeds(after.costUsd, this.cap.maxCostUsd) || exceeds(after.tokens, this.cap.maxTokens))) {
      this.refused ??= amount;
      this.markReached();
      return {
        refused: `the run's spend cap of ${describeCap(this.cap)} could be crossed: this request could cost up to ${describeSpend(amount)}, and ${describeSpend(this.total)} is spent`,
      };
    }
    this.reserved = plus(this.reserved, amount);
    let open = true;
    return {
      settle: (actual) => {
        if (!open) return;
        open = false;
        this.reserved = plus(this.reserved, amount, -1);
        this.add(actual.costUsd, actual.tokens);
      },
    };
  }

  /** Throws BudgetReachedError when the cap is reached. */
  check(): void {
    if (!this.cap || !capReached(this.spent, this.cap)) return;
    this.markReached();
    throw new BudgetReachedError(this.total, this.cap);
  }

  private markReached(): void {
    if (this.reached) return;
    this.reached = true;
    this.onReached?.();
  }
}

function exceeds(value: number, bound: number | undefined): boolean {
  return bound !== undefined && value > bound;
}
