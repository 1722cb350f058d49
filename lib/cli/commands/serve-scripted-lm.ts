import { REALISTIC_LATENCY, type ServerQuirks } from '@/lib/scripted-model/quirks';
import { SCRIPTED_MODEL_NAMES, type ScriptedModelName } from '@/lib/scripted-model/profiles';
import { startScriptedServer } from '@/lib/scripted-model/server';
import { optionalInt, optionalNumber, UsageError, type CliCommand, type OptionValues } from '../command';

const N_MODES = ['native', 'ignore', 'reject'] as const;

/** The real-server behaviours chosen on the command line (docs/scripted-model.md, "Server quirks"). */
export function quirksFrom(values: OptionValues): ServerQuirks {
  const quirks: ServerQuirks = {};
  if (values.n !== undefined) {
    const mode = values.n;
    if (typeof mode !== 'string' || !(N_MODES as readonly string[]).includes(mode)) {
      throw new UsageError(`--n must be one of ${N_MODES.join(', ')} (got ${String(mode)})`);
    }
    quirks.n = mode as ServerQuirks['n'];
  }
  if (values['reasoning-model'] === true) quirks.reasoningModel = true;
  if (values['context-window'] !== undefined) quirks.contextWindow = optionalInt(values, 'context-window', 0, 1);
  const requestsPerMinute = values['requests-per-minute'] === undefined ? undefined : optionalInt(values, 'requests-per-minute', 0, 1);
  const tokensPerMinute = values['tokens-per-minute'] === undefined ? undefined : optionalInt(values, 'tokens-per-minute', 0, 1);
  if (requestsPerMinute !== undefined || tokensPerMinute !== undefined) quirks.rateLimit = { requestsPerMinute, tokensPerMinute };
  const timeScale = optionalNumber(values, 'time-scale', 1);
  if (!(timeScale > 0 && timeScale <= 100)) throw new UsageError(`--time-scale must be above 0 and at most 100 (got ${timeScale})`);
  if (values['realistic-latency'] === true) quirks.latency = { ...REALISTIC_LATENCY, timeScale };
  else if (values['time-scale'] !== undefined) throw new UsageError('--time-scale applies to --realistic-latency');
  return quirks;
}

function modelFrom(values: OptionValues): ScriptedModelName {
  const model = values.model ?? 'scripted';
  if (typeof model !== 'string' || !(SCRIPTED_MODEL_NAMES as readonly string[]).includes(model)) {
    throw new UsageError(`--model must be one of ${SCRIPTED_MODEL_NAMES.join(', ')} (got ${String(model)})`);
  }
  return model as ScriptedModelName;
}

export const serveScriptedLmCommand: CliCommand = {
  name: 'serve-scripted-lm',
  summary: 'Serve the scripted model as an OpenAI-compatible endpoint (optional latency, faults and real servers’ quirks)',
  usage: [
    'stop serve-scripted-lm --port P [--host 127.0.0.1] [--model scripted|scripted-strong|scripted-weak|scripted-timid]',
    '    [--latency-ms L] [--fault-rate F] [--seed S]',
    '    [--n native|ignore|reject] [--reasoning-model] [--context-window TOKENS]',
    '    [--requests-per-minute N] [--tokens-per-minute N] [--realistic-latency [--time-scale S]] [--json]',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    model: { type: 'string' },
    'latency-ms': { type: 'string' },
    'fault-rate': { type: 'string' },
    seed: { type: 'string' },
    n: { type: 'string' },
    'reasoning-model': { type: 'boolean' },
    'context-window': { type: 'string' },
    'requests-per-minute': { type: 'string' },
    'tokens-per-minute': { type: 'string' },
    'realistic-latency': { type: 'boolean' },
    'time-scale': { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (values.port === undefined) throw new UsageError('--port is required (0 picks a free port)');
    const port = optionalInt(values, 'port', 0);
    if (port > 65_535) throw new UsageError(`--port must be at most 65535 (got ${port})`);
    const faultRate = optionalNumber(values, 'fault-rate', 0);
    if (faultRate < 0 || faultRate > 1)
      throw new UsageError(`--fault-rate must be between 0 and 1 (got ${faultRate})`);
    const quirks = quirksFrom(values);
    const model = modelFrom(values);
    const server = await startScriptedServer({
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      latencyMs: optionalInt(values, 'latency-ms', 0),
      faultRate,
      seed: optionalInt(values, 'seed', 0),
      model,
      quirks,
    });
    const quirkNames = Object.keys(quirks);
    io.result(
      { url: server.url, model, fault_rate: faultRate, quirks },
      (data) =>
        `scripted model (not a real LM) serving at ${data.url} — model "${data.model}", fault rate ${data.fault_rate}, quirks: ${quirkNames.join(', ') || 'none'}; Ctrl-C stops`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    const stats = server.stats();
    await server.close();
    if (!io.json) io.err(`served ${stats.answered} answers to ${stats.requests} requests`);
  },
};
