'use client';

import { useActionState } from 'react';
import { importBundleAction } from '@/app/actions/runs';
import { Card } from '@/components/ui/card';

export function ImportBundleForm() {
  const [state, action, pending] = useActionState(importBundleAction, null);
  return (
    <Card title="Import a run" description="Upload a run bundle exported from this or another STOP Studio. It becomes a new run with a fresh id.">
      <form action={action} className="flex flex-wrap items-center gap-3">
        <label htmlFor="bundle" className="sr-only">Run bundle</label>
        <input
          id="bundle"
          name="bundle"
          type="file"
          accept="application/json,.json"
          aria-invalid={state?.ok === false || undefined}
          aria-describedby="bundle-error"
          className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-zinc-200 dark:file:bg-zinc-800 dark:file:text-zinc-100"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          {pending ? 'Importing…' : 'Import'}
        </button>
        <p id="bundle-error" role={state?.ok === false ? 'alert' : undefined} className="w-full text-sm text-rose-600 dark:text-rose-400">
          {state?.ok === false ? state.error : ''}
        </p>
      </form>
    </Card>
  );
}
