import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { SettingsView } from '@/lib/runs/views';
import { WorkersTable } from './workers-table';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_minmax(0,1fr)] gap-4 border-b border-zinc-100 py-2.5 text-sm last:border-0 dark:border-zinc-800">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Status({ ok, good = 'ok', bad = 'problem' }: { ok: boolean; good?: string; bad?: string }) {
  return <Badge tone={ok ? 'success' : 'danger'}>{ok ? good : bad}</Badge>;
}

/** The sandbox's isolation level, what it means, and whether generated code runs at limits-only. */
function SandboxCard({ sandbox, allowUnisolated }: { sandbox: SettingsView['health']['sandbox']; allowUnisolated: boolean }) {
  return (
    <Card
      id="sandbox"
      title="Sandbox isolation"
      actions={sandbox.isolation ? <Status ok={sandbox.isolation.safe} good={sandbox.isolation.level} bad={`${sandbox.isolation.level} · unsafe`} /> : <Status ok={false} />}
    >
      {sandbox.isolation ? (
        <dl>
          <Row label="Level">
            <span className="font-medium">{sandbox.isolation.level}</span>{' '}
            {!sandbox.isolation.safe && <Badge tone="danger">unsafe</Badge>}
          </Row>
          <Row label="Meaning">
            {sandbox.isolation.level === 'bubblewrap' && 'Linux namespaces via bubblewrap: no network, read-only system, private tmp, own PID namespace.'}
            {sandbox.isolation.level === 'unshare' && 'Linux namespaces via unshare: no network, own PID namespace, private size-bounded /tmp, /var/tmp and /dev/shm (nothing written there outlives the sandbox).'}
            {sandbox.isolation.level === 'limits-only' && 'Only resource limits apply: generated code could reach the network and the file system.'}
          </Row>
          {sandbox.isolation.level === 'limits-only' && (
            <Row label="Generated code">
              {allowUnisolated ? (
                <span className="text-rose-700 dark:text-rose-400">runs anyway: STOP_ALLOW_UNISOLATED=1 is set (a throwaway machine only)</span>
              ) : (
                <span>refused: improvers and solutions do not run at this level, so runs fail with a clear error. Install bubblewrap or allow unprivileged namespaces; or set STOP_ALLOW_UNISOLATED=1 to accept the risk.</span>
              )}
            </Row>
          )}
          {sandbox.isolation.notes.length > 0 && (
            <Row label="Notes">
              <ul className="list-disc space-y-0.5 pl-4 text-xs text-zinc-600 dark:text-zinc-400">
                {sandbox.isolation.notes.map((note) => <li key={note}>{note}</li>)}
              </ul>
            </Row>
          )}
        </dl>
      ) : (
        <Notice tone="error" title="Isolation could not be determined">{sandbox.error}</Notice>
      )}
    </Card>
  );
}

/** The Settings page's cards: database, Python, sandbox, model, workers and access, as the server reports them. */
export function SettingsCards({ view }: { view: SettingsView }) {
  const { health: { database, python, sandbox, lm }, mode, workers, endpoints, allowUnisolated } = view;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card id="database" title="Database" actions={<Status ok={database.ok} />}>
        <dl>
          {database.ok ? (
            <>
              <Row label="Backend">{database.backend === 'pglite' ? 'PGlite (embedded PostgreSQL)' : 'PostgreSQL server'}</Row>
              <Row label="Location"><code className="font-mono text-xs">{database.location}</code></Row>
            </>
          ) : (
            <Row label="Error"><span className="text-rose-600 dark:text-rose-400">{database.error}</span></Row>
          )}
        </dl>
      </Card>

      <Card id="python" title="Python interpreter" actions={<Status ok={python.ok} />}>
        <dl>
          {python.interpreter ? (
            <>
              <Row label="Interpreter"><code className="font-mono text-xs">{python.interpreter.path}</code> <span className="text-xs text-zinc-500">({python.interpreter.source})</span></Row>
              <Row label="Version">{python.interpreter.version}</Row>
              <Row label="numpy">{python.interpreter.hasNumpy ? <Badge tone="success">importable</Badge> : <Badge tone="warning">not installed</Badge>}</Row>
            </>
          ) : (
            <Row label="Error"><span className="text-rose-600 dark:text-rose-400">{python.error}</span></Row>
          )}
        </dl>
      </Card>

      <SandboxCard sandbox={sandbox} allowUnisolated={allowUnisolated} />

      <Card id="lm" title="Language model" actions={<Badge tone={lm.provider === 'scripted' ? 'accent' : 'neutral'}>{lm.provider}</Badge>}>
        <dl>
          <Row label="Provider">{lm.provider === 'scripted' ? 'scripted — the built-in deterministic model (offline, no cost)' : 'OpenAI-compatible server'}</Row>
          <Row label="Model">{lm.provider === 'scripted' ? 'chosen per run: scripted or scripted-strong (the presets use scripted-strong)' : lm.model}</Row>
          {lm.baseUrl && <Row label="Base URL"><code className="font-mono text-xs">{lm.baseUrl}</code></Row>}
          <Row label="Model servers">
            {endpoints.length === 0 ? (
              'none configured: runs use the scripted model (or replay); set STOP_LM_ENDPOINTS or OPENAI_BASE_URL'
            ) : (
              <ul className="space-y-0.5">
                {endpoints.map((endpoint) => (
                  <li key={endpoint.name}>
                    {endpoint.name} <code className="font-mono text-xs text-zinc-500">{endpoint.url}</code>
                  </li>
                ))}
              </ul>
            )}
          </Row>
          {lm.provider === 'openai' && <Row label="API key">{lm.hasApiKey ? 'configured (never sent to the browser or a sandbox)' : 'none'}</Row>}
        </dl>
      </Card>

      <Card id="workers" title="Evaluation workers" className="lg:col-span-2" actions={<Badge tone="neutral">{workers.filter((worker) => worker.state === 'live').length} live</Badge>}>
        {database.ok && database.backend === 'postgresql' ? (
          workers.length > 0 ? (
            <WorkersTable workers={workers} />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No worker has registered yet. Evaluations run in the local slots of the server or CLI that launched the run, and in <code className="font-mono text-xs">stop worker</code> processes sharing this database (docs/scaling.md).</p>
          )
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">With the embedded database every evaluation runs in this server process. Set <code className="font-mono text-xs">DATABASE_URL</code> to a PostgreSQL server to spread evaluations over <code className="font-mono text-xs">stop worker</code> processes on other machines (docs/scaling.md).</p>
        )}
      </Card>

      <Card id="access" title="Access" className="lg:col-span-2" actions={<Badge tone={mode === 'open' ? 'warning' : 'success'}>{mode === 'open' ? 'open' : 'protected'}</Badge>}>
        {mode === 'open' ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            No admin token is configured, so this server is <strong>open</strong>: anyone who can reach it can launch, cancel, share and import runs. That suits single-user local use on 127.0.0.1.
            Set <code className="font-mono text-xs">STOP_ADMIN_TOKEN</code> before exposing it to others: every page then requires signing in, and share links give read-only access to one run.
          </p>
        ) : (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            An admin token is configured: pages and every mutating action (launch, cancel, fork, share, revoke, import) require signing in, checked on the server. Share links give read-only access to one run and its diffs.
            Scripts can send the token as <code className="font-mono text-xs">Authorization: Bearer …</code>. Browser sessions expire, end on sign-out,
            and are refused for requests from other origins; repeated wrong tokens are throttled.
          </p>
        )}
      </Card>
    </div>
  );
}
