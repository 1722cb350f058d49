/** Test helper process: spawns one sandbox and waits to be killed (kill -9 leaves its scratch directory). */
import { launchSandbox } from '../launcher';

const sandbox = await launchSandbox({ role: 'improver', cpuSeconds: 60, timeoutMs: 120_000, launcher: 'spawn-per-program' });
process.stdout.write(`ready ${sandbox.pid}\n`);
setInterval(() => undefined, 1000);
