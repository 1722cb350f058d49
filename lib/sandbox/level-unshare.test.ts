import { vi } from 'vitest';
import { describeLevel, describePrivateTmp } from './testing/level-cases';

vi.hoisted(() => {
  process.env.STOP_SANDBOX = 'unshare';
});

describeLevel('unshare');
describePrivateTmp('unshare');
