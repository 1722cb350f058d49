import type { ImproverView, RunView } from '@/lib/runs/views';
import { pct } from '@/components/ui/format';

export interface PickerGroup {
  run: RunView;
  improvers: ImproverView[];
}

function Select({ name, label, groups, value }: { name: string; label: string; groups: PickerGroup[]; value?: number }) {
  return (
    <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ''} required className="rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 dark:border-zinc-700 dark:bg-zinc-900">
        <option value="" disabled>Choose an improver…</option>
        {groups.map((group) => (
          <optgroup key={group.run.id} label={`${group.run.title || group.run.id} (${group.run.id})`}>
            {group.improvers.map((improver) => (
              <option key={improver.id} value={improver.id}>
                repeat {improver.repeat} · iteration {improver.iteration} — test {pct(improver.testMetaUtility)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** Picks two improvers (from the same or different runs) with a plain GET form. */
export function ImproverPicker({ action, groups, a, b }: { action: string; groups: PickerGroup[]; a?: number; b?: number }) {
  return (
    <form action={action} method="get" className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-4 sm:flex-row sm:items-end dark:border-zinc-800 dark:bg-zinc-900/60">
      <Select name="a" label="Original" groups={groups} value={a} />
      <Select name="b" label="Modified" groups={groups} value={b} />
      <button type="submit" className="rounded-lg bg-accent-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-accent-700">Show diff</button>
    </form>
  );
}
