import { vi } from 'vitest';
import { describeHostile } from './testing/hostile-cases';

vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX', 'bubblewrap');
  vi.stubEnv('STOP_SANDBOX_LAUNCHER', 'spawn-per-program');
});

describeHostile('bubblewrap');
