'use client';

import { useState, useTransition } from 'react';
import { revokeComparisonShareAction, shareComparisonAction } from '@/app/actions/runs';
import { Button } from '@/components/ui/button';
import { dateTime } from '@/components/ui/format';
import type { ComparisonView } from '@/lib/runs/comparison-view';

export interface ComparisonShareLinkView {
  token: string;
  createdAt: string;
  revokedAt: string | null;
}

const sharePath = (token: string) => `/share/compare/${token}`;

/** Creates read-only links to a comparison and revokes them (after a confirmation). */
export function ComparisonSharePanel({ view, links: initial, label = 'Share this comparison' }: { view: ComparisonView; links: ComparisonShareLinkView[]; label?: string }) {
  const [links, setLinks] = useState(initial);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const share = () =>
    startTransition(async () => {
      const result = await shareComparisonAction(view);
      if (!result.ok) return setError(result.error);
      setError(null);
      setLinks((current) => [{ token: result.token, createdAt: new Date().toISOString(), revokedAt: null }, ...current]);
    });
  const revoke = (token: string) =>
    startTransition(async () => {
      const result = await revokeComparisonShareAction(token);
      setConfirming(null);
      if (!result.ok) return setError(result.error);
      setError(null);
      setLinks((current) => current.map((link) => (link.token === token ? { ...link, revokedAt: new Date().toISOString() } : link)));
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={share} disabled={pending} data-testid="share-comparison">{label}</Button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">Anyone with the link sees these runs&apos; curves, statistics and final numbers, read-only, until you revoke it.</span>
      </div>
      {error && <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">{error}</p>}
      {links.length > 0 && (
        <ul className="space-y-1.5">
          {links.map((link) => (
            <li key={link.token} className="flex flex-wrap items-center gap-2 text-sm">
              {link.revokedAt ? (
                <span className="truncate font-mono text-xs text-zinc-500 line-through">{sharePath(link.token.slice(0, 10))}…</span>
              ) : (
                <a href={sharePath(link.token)} className="truncate font-mono text-xs text-accent-700 hover:underline dark:text-accent-300" data-testid="comparison-share-link">{sharePath(link.token)}</a>
              )}
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{link.revokedAt ? `revoked ${dateTime(link.revokedAt)}` : `created ${dateTime(link.createdAt)}`}</span>
              {!link.revokedAt &&
                (confirming === link.token ? (
                  <span className="flex items-center gap-2" role="group" aria-label="Confirm revocation">
                    <span className="text-xs">Revoke this link? Its readers lose access at once.</span>
                    <Button variant="danger" onClick={() => revoke(link.token)} disabled={pending} className="!px-2 !py-0.5 text-xs">Yes, revoke</Button>
                    <Button onClick={() => setConfirming(null)} className="!px-2 !py-0.5 text-xs">Keep it</Button>
                  </span>
                ) : (
                  <Button variant="danger" onClick={() => setConfirming(link.token)} disabled={pending} className="!px-2 !py-0.5 text-xs">Revoke</Button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
