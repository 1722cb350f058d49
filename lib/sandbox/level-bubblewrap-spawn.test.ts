import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  process.env.STOP_SANDBOX = 'bubblewrap';
  process.env.STOP_SANDBOX_LAUNCHER = 'spawn-per-program';
});

describeLevel('bubblewrap');
describePrivateTmp('bubblewrap');
