import 'server-only';
import { authMode } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { collectHealth } from '@/lib/health';
import { configuredEndpoints } from '@/lib/lm/endpoints';
import { workerViews } from '@/lib/queue/workers-view';
import type { SettingsView } from '@/lib/runs/views';

/** What the Settings page shows: health of each part, access mode, evaluation workers, model servers. */
export async function loadSettings(): Promise<SettingsView> {
  const health = await collectHealth();
  const database = health.database;
  const workers = database.ok && database.backend === 'postgresql' ? await workerViews() : [];
  return { health, mode: authMode(), workers, endpoints: configuredEndpoints(), allowUnisolated: env.STOP_ALLOW_UNISOLATED };
}

