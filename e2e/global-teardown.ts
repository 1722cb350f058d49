import { rmSync } from 'node:fs';

/** Removes the run's throwaway database folder (made in playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.includes('stop-e2e-')) rmSync(dir, { recursive: true, force: true });
}
