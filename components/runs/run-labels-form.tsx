'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateRunLabelsAction } from '@/app/actions/runs';
import { Button } from '@/components/ui/button';

const INPUT = 'w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** The editor behind a disclosure; the form is only built once it is opened (the runs table has 200 of them). */
export function RunLabelsEditor(props: { runId: string; title: string; tags: string[]; note: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-1 text-xs" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-accent-700 dark:text-accent-300">Edit name, tags, note</summary>
      {open && <RunLabelsForm {...props} />}
    </details>
  );
}

/** Rename a run, set its tags (comma-separated) and a free-text note. */
export function RunLabelsForm({ runId, title, tags, note }: { runId: string; title: string; tags: string[]; note: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const submit = (data: FormData) =>
    startSaving(async () => {
      setError(null);
      const text = (name: string) => String(data.get(name) ?? '');
      const result = await updateRunLabelsAction({
        runId,
        title: text('title'),
        tags: text('tags').split(',').map((tag) => tag.trim()).filter(Boolean),
        note: text('note'),
      });
      if (!result.ok) setError(result.error);
      else router.refresh();
    });
  return (
    <form action={submit} className="mt-2 grid max-w-md gap-2 text-xs" data-testid="run-labels-form">
      <label className="grid gap-1">Name<input name="title" defaultValue={title} className={INPUT} required maxLength={200} /></label>
      <label className="grid gap-1">Tags (comma-separated)<input name="tags" defaultValue={tags.join(', ')} className={INPUT} /></label>
      <label className="grid gap-1">Note<textarea name="note" defaultValue={note} className={INPUT} rows={2} maxLength={4000} /></label>
      {error && <p role="alert" className="text-rose-700 dark:text-rose-300">{error}</p>}
      <div><Button type="submit" disabled={saving} className="text-xs">{saving ? 'Saving…' : 'Save'}</Button></div>
    </form>
  );
}
