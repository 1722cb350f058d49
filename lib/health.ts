import 'server-only';
import { getDatabase } from '@/db/client';
import { configuredProvider, type ProviderConfig } from '@/lib/lm/provider';
import { findPython, type PythonInterpreter } from '@/lib/sandbox/interpreter';
import { detectIsolation, type IsolationInfo } from '@/lib/sandbox/isolation';

export interface HealthReport {
  database: { ok: boolean; backend?: string; location?: string; error?: string };
  python: { ok: boolean; interpreter?: PythonInterpreter; error?: string };
  sandbox: { ok: boolean; isolation?: IsolationInfo; error?: string };
  lm: ProviderConfig;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function settle<T>(work: () => Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await work() };
  } catch (error) {
    return { error: message(error) };
  }
}

/** Everything the health page and `stop health` report; each part fails independently. */
export async function collectHealth(): Promise<HealthReport> {
  const [database, python, isolation] = await Promise.all([
    settle(getDatabase),
    settle(findPython),
    settle(detectIsolation),
  ]);
  return {
    database: database.value
      ? { ok: true, backend: database.value.backend, location: database.value.location }
      : { ok: false, error: database.error },
    python: python.value ? { ok: true, interpreter: python.value } : { ok: false, error: python.error },
    sandbox: isolation.value
      ? { ok: isolation.value.safe, isolation: isolation.value }
      : { ok: false, error: isolation.error },
    lm: configuredProvider(),
  };
}
