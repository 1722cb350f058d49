'use client';

import dynamic from 'next/dynamic';

/**
 * The comparison chart in a chunk of its own (recharts and the figure exporters, about 400 KB of
 * script): the runs list draws it only when its runs are grouped, and otherwise does not load it.
 */
export const LazyCompareChart = dynamic(() => import('./compare-chart').then((module) => module.CompareChart), {
  loading: () => <div className="h-[380px] animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800/60" aria-hidden />,
});
