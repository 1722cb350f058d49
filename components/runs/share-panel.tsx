'use client';

import { useState, useTransition } from 'react';
import { revokeShareAction, shareRunAction } from '@/app/actions/runs';
import { Button } from '@/components/ui/button';
import { dateTime } from '@/components/ui/format';

export interface ShareLinkView {
  token: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Creates and revokes read-only links to this run. */
export function SharePanel({ runId, links: initial }: { runId: string; links: ShareLinkView[] }) {
  const [links, setLinks] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const share = () =>
    startTransition(async () => {
      const result = await shareRunAction(runId);
      if (!result.ok) return setError(result.error);
      setError(null);
      setLinks((current) => [{ token: result.token, createdAt: new Date().toISOString(), revokedAt: null }, ...current]);
    });
  const revoke = (token: string) =>
    startTransition(async () => {
      const result = await revokeShareAction(token);
      if (!result.ok) return setError(result.error);
      setError(null);
      setLinks((current) => current.map((link) => (link.token === token ? { ...link, revokedAt: new Date().toISOString() } : link)));
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={share} disabled={pending} data-testid="share-run">
          Create share link
        </Button>
        <span className="text-xs text-zinc-500">Anyone with the link sees this run and its diffs, read-only, until you revoke it.</span>
      </div>
      {error && <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">{error}</p>}
      {links.length > 0 && (
        <ul className="space-y-1.5">
          {links.map((link) => {
            const url = `/share/${link.token}`;
            return (
              <li key={link.token} className="flex flex-wrap items-center gap-2 text-sm">
                {link.revokedAt ? (
                  <span className="truncate font-mono text-xs text-zinc-400 line-through">/share/{link.token.slice(0, 10)}…</span>
                ) : (
                  <a href={url} className="truncate font-mono text-xs text-accent-600 hover:underline dark:text-accent-300" data-testid="share-link">
                    {url}
                  </a>
                )}
                <span className="text-xs text-zinc-500">{link.revokedAt ? `revoked ${dateTime(link.revokedAt)}` : `created ${dateTime(link.createdAt)}`}</span>
                {!link.revokedAt && (
                  <>
                    <Button onClick={() => void navigator.clipboard?.writeText(new URL(url, window.location.href).toString())} className="!px-2 !py-0.5 text-xs">Copy</Button>
                    <Button variant="danger" onClick={() => revoke(link.token)} disabled={pending} className="!px-2 !py-0.5 text-xs">Revoke</Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
