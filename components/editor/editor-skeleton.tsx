export function EditorSkeleton({ height, label = 'Loading the editor…' }: { height: number | string; label?: string }) {
  return (
    <div style={{ height }} className="grid place-items-center rounded-lg bg-zinc-100 text-sm text-zinc-500 dark:bg-zinc-900" role="status">
      {label}
    </div>
  );
}
