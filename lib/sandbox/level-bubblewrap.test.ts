import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX', 'bubblewrap');
});

describeLevel('bubblewrap');
describePrivateTmp('bubblewrap');
