import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  process.env.STOP_SANDBOX = 'bubblewrap';
});

describeLevel('bubblewrap');
describePrivateTmp('bubblewrap');
