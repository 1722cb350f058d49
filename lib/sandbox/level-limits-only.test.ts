import { vi } from 'vitest';
import { describeLevel } from './testing/level-cases';

vi.hoisted(() => {
  process.env.STOP_SANDBOX = 'limits-only';
  process.env.STOP_ALLOW_UNISOLATED = '1';
});

describeLevel('limits-only');
