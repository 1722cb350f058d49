import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadCompareView } from '@/app/_lib/compare-data';
import { CompareBody } from '@/components/compare/compare-view';
import { RefreshWhenRunsChange } from '@/components/compare/refresh-when-runs-change';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { findActiveComparisonShare } from '@/db/queries/comparison-shares';
import { SHARE_TOKEN_PATTERN } from '@/lib/auth/token';
import { isActive } from '@/lib/runs/status';

export const metadata: Metadata = { title: 'Shared comparison', robots: { index: false } };
export const dynamic = 'force-dynamic';

/** A read-only comparison for anyone holding the link, live while its runs run; gone once revoked. Runs are named, not linked. */
export default async function SharedComparisonPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const share = SHARE_TOKEN_PATTERN.test(token) ? await findActiveComparisonShare(token) : undefined;
  if (!share) notFound();
  const { view } = await loadCompareView(share.view.runs);
  const live = [...view.runs, ...view.baselines].some((run) => isActive(run.status));
  return (
    <>
      <PageHeader title={share.view.group ? `Shared comparison: ${share.view.group}` : 'Shared comparison'} description="A read-only view of these runs: curves, statistics and final numbers." />
      <div className="space-y-6" data-testid="shared-comparison">
        <Notice tone="info">You are viewing a shared, read-only comparison. {live ? 'It follows the runs while they run.' : 'It reflects the runs as they are now.'}</Notice>
        {live && <RefreshWhenRunsChange token={token} />}
        <CompareBody view={view} panels={share.view.layout === 'panels'} linked={false} />
      </div>
    </>
  );
}
