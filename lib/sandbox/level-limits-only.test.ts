import { vi } from 'vitest';
import { describeLevel } from './testing/level-cases';

vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX', 'limits-only');
  vi.stubEnv('STOP_ALLOW_UNISOLATED', '1');
});

describeLevel('limits-only');
