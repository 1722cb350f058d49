export default function Loading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading the run">
      <div className="h-16 w-2/3 animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800/60" />
      <div className="h-40 animate-pulse rounded-xl bg-zinc-200/70 dark:bg-zinc-800/60" />
      <div className="h-80 animate-pulse rounded-xl bg-zinc-200/70 dark:bg-zinc-800/60" />
    </div>
  );
}
