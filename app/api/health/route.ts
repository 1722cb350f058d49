import { collectHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Liveness and configuration, for the command line (which uses it to find a running server) and monitors. */
export async function GET(): Promise<Response> {
  const report = await collectHealth();
  return Response.json({
    app: 'stop-studio',
    ok: report.database.ok && report.python.ok,
    database: { ok: report.database.ok, backend: report.database.backend },
    sandbox: report.sandbox.isolation ? { level: report.sandbox.isolation.level, safe: report.sandbox.ok } : null,
    lm: { provider: report.lm.provider, model: report.lm.model },
  });
}
