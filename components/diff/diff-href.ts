export const STOCK_SEEDS = ['seed', 'paper-seed'] as const;
export type StockSeed = (typeof STOCK_SEEDS)[number];

/** The /diff URL comparing a stock seed (side a) with the seed a run was launched with (side b). */
export function seedDiffHref(runId: string, stock: StockSeed = 'seed'): string {
  return `/diff?a=stock:${stock}&b=seed:${encodeURIComponent(runId)}`;
}
