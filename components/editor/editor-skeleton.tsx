const LINE_WIDTHS = ['w-1/3', 'w-2/3', 'w-1/2', 'w-3/4', 'w-2/5', 'w-1/2', 'w-3/5', 'w-1/4'];

/** The editor's final box (full width, the given height) with faint code lines while Monaco loads. */
export function EditorSkeleton({ height, label = 'Loading the editor…' }: { height: number | string; label?: string }) {
  return (
    <div style={{ height }} className="flex w-full overflow-hidden rounded-lg bg-zinc-50 dark:bg-zinc-900" role="status" aria-label={label} data-testid="editor-skeleton">
      <div className="w-10 shrink-0 border-r border-zinc-100 dark:border-zinc-800" />
      <div className="flex-1 space-y-2.5 p-3" aria-hidden="true">
        {Array.from({ length: 14 }, (_, line) => (
          <div key={line} className={`h-2.5 animate-pulse rounded bg-zinc-200/80 dark:bg-zinc-800 ${LINE_WIDTHS[line % LINE_WIDTHS.length]}`} />
        ))}
      </div>
    </div>
  );
}
