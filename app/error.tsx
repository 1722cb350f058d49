'use client';

import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Notice tone="error" title="This page could not be shown">
        {error.message || 'An unexpected error happened on the server.'}
        {error.digest && <span className="mt-1 block font-mono text-xs opacity-70">reference {error.digest}</span>}
      </Notice>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
