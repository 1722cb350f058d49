import { count, pct } from '@/components/ui/format';
import type { RunViewState } from '@/lib/runs/view-state';

/** Scored candidates (improvers proposed for the next iteration, and solutions), newest first. */
export function CandidatesTable({ state }: { state: RunViewState }) {
  if (state.candidateCount === 0) return <p className="text-sm text-zinc-500">No candidates scored yet.</p>;
  const rows = [...state.candidates].reverse().slice(0, 300);
  return (
    <div className="space-y-2">
      <div className="max-h-[320px] overflow-auto" tabIndex={0} role="region" aria-label="Candidates (scrollable)">
        <table className="w-full min-w-[520px] text-sm">
          <thead className="sticky top-0 bg-white dark:bg-zinc-900">
            <tr className="text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500">
              <th className="py-2 pr-4">Candidate</th>
              <th className="py-2 pr-4">Role</th>
              <th className="py-2 pr-4">Repeat · iteration</th>
              <th className="py-2 pr-4 text-right">Utility</th>
              <th className="py-2 pr-4">Error</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.seq} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5 pr-4 font-mono text-xs text-zinc-500">#{c.candidateId}</td>
                <td className="py-1.5 pr-4">{c.role}</td>
                <td className="py-1.5 pr-4 tabular-nums">{c.repeat} · {c.iteration}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{pct(c.utility)}</td>
                <td className="max-w-xs truncate py-1.5 pr-4 text-xs text-rose-600 dark:text-rose-400" title={c.error ?? ''}>{c.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.candidateCount > rows.length && <p className="text-xs text-zinc-500">Latest {rows.length} of {count(state.candidateCount)} candidates.</p>}
    </div>
  );
}
