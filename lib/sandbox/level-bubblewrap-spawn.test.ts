import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX', 'bubblewrap');
  vi.stubEnv('STOP_SANDBOX_LAUNCHER', 'spawn-per-program');
});

describeLevel('bubblewrap');
describePrivateTmp('bubblewrap');
