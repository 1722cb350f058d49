import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  process.env.STOP_SANDBOX = 'unshare';
  process.env.STOP_SANDBOX_LAUNCHER = 'spawn-per-program';
});

describeLevel('unshare');
describePrivateTmp('unshare');
