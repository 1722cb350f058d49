import type { RunViewState } from '@/lib/runs/view-state';

export function LogPanel({ state }: { state: RunViewState }) {
  if (state.log.length === 0) return <p className="text-sm text-zinc-500">No messages.</p>;
  return (
    <ol className="max-h-[240px] space-y-0.5 overflow-y-auto font-mono text-xs" data-testid="run-log">
      {[...state.log].reverse().map((line) => (
        <li key={line.seq} className={line.level === 'warn' ? 'text-amber-700 dark:text-amber-400' : 'text-zinc-600 dark:text-zinc-400'}>
          <span className="mr-2 text-zinc-400">{line.at.slice(11, 19)}</span>
          {line.message}
        </li>
      ))}
    </ol>
  );
}
