'use client';

import { useEffect, useState } from 'react';
import { PythonEditor } from '@/components/editor/lazy';
import { pct } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { StrategyTags } from './strategy-tags';

interface ImproverDetail {
  id: number;
  repeat: number;
  iteration: number;
  code: string;
  testMetaUtility: number | null;
  trainMetaUtility: number | null;
  strategyTags: string[];
}

type Loaded = { id: number; improver: ImproverDetail } | { id: number; error: string };

/** The code of one improver (by default the latest adopted one), fetched when chosen. */
export function ImproverCode({ improverId, shareToken }: { improverId: number | null; shareToken?: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (improverId === null) return;
    const controller = new AbortController();
    const query = shareToken ? `?share=${encodeURIComponent(shareToken)}` : '';
    fetch(`/api/improvers/${improverId}${query}`, { signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json()) as { ok: true; improver: ImproverDetail } | { ok: false; error: string };
        setLoaded(body.ok ? { id: improverId, improver: body.improver } : { id: improverId, error: body.error });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ id: improverId, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [improverId, shareToken]);

  if (improverId === null) return <p className="text-sm text-zinc-500">No improver recorded yet.</p>;
  if (!loaded || loaded.id !== improverId) return <div className="h-[420px] animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800/50" role="status" aria-label="Loading the improver" />;
  if ('error' in loaded) return <Notice tone="error" title="The improver could not be loaded">{loaded.error}</Notice>;
  const { improver } = loaded;
  return (
    <div className="space-y-3" data-testid="improver-code">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="font-medium">Repeat {improver.repeat}, iteration {improver.iteration}{improver.iteration === 0 ? ' (seed)' : ''}</span>
        <span className="text-zinc-500">test û {pct(improver.testMetaUtility)} · train û {pct(improver.trainMetaUtility)}</span>
        <StrategyTags tags={improver.strategyTags} />
      </div>
      <PythonEditor value={improver.code} readOnly height={420} ariaLabel={`Improver code, repeat ${improver.repeat}, iteration ${improver.iteration}`} />
    </div>
  );
}
