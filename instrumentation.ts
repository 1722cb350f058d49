/** Runs once when the Next.js server starts: database migrations, then resuming unfinished runs. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerServices } = await import('./lib/runs/startup');
  await startServerServices();
}
