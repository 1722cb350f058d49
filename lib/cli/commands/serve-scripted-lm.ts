import { startScriptedServer } from '@/lib/lm/scripted/server';
import { optionalInt, optionalNumber, UsageError, type CliCommand } from '../command';

export const serveScriptedLmCommand: CliCommand = {
  name: 'serve-scripted-lm',
  summary: 'Serve the scripted model as an OpenAI-compatible endpoint (optional latency and faults)',
  usage:
    'stop serve-scripted-lm --port P [--host 127.0.0.1] [--latency-ms L] [--fault-rate F] [--seed S] [--json]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'latency-ms': { type: 'string' },
    'fault-rate': { type: 'string' },
    seed: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (values.port === undefined) throw new UsageError('--port is required (0 picks a free port)');
    const port = optionalInt(values, 'port', 0);
    if (port > 65_535) throw new UsageError(`--port must be at most 65535 (got ${port})`);
    const faultRate = optionalNumber(values, 'fault-rate', 0);
    if (faultRate < 0 || faultRate > 1)
      throw new UsageError(`--fault-rate must be between 0 and 1 (got ${faultRate})`);
    const server = await startScriptedServer({
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      latencyMs: optionalInt(values, 'latency-ms', 0),
      faultRate,
      seed: optionalInt(values, 'seed', 0),
    });
    io.result(
      { url: server.url, model: 'scripted', fault_rate: faultRate },
      (data) =>
        `scripted model (not a real LM) serving at ${data.url} — model "scripted", fault rate ${data.fault_rate}; Ctrl-C stops`,
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
