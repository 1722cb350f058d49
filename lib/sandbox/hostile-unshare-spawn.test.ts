import { vi } from 'vitest';
import { describeHostile } from './testing/hostile-cases';

vi.hoisted(() => {
  process.env.STOP_SANDBOX = 'unshare';
  process.env.STOP_SANDBOX_LAUNCHER = 'spawn-per-program';
});

describeHostile('unshare');
