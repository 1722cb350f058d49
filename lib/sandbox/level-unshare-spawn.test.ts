import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX', 'unshare');
  vi.stubEnv('STOP_SANDBOX_LAUNCHER', 'spawn-per-program');
});

describeLevel('unshare');
describePrivateTmp('unshare');
