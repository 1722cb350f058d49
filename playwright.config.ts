import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN_TOKEN } from './e2e/support';

const PORT = Number(process.env.E2E_PORT ?? 3217);
// One throwaway database per test run (workers inherit it through the environment).
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'stop-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/global-teardown.ts',
  // Generous: no test may fail because a loaded machine is slow; these only stop a hung test.
  timeout: 900_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 960 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    // The app is built beforehand (npm test runs `next build`); this only starts it.
    command: `npm run start -- -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      STOP_DATA_DIR: process.env.E2E_DATA_DIR,
      STOP_ADMIN_TOKEN: ADMIN_TOKEN,
      // Every test client connects from 127.0.0.1: tests that need a client of their own send
      // X-Forwarded-For as a reverse proxy on this machine would (e2e/host-network uses other loopback addresses).
      STOP_TRUSTED_PROXIES: '127.0.0.1',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      DATABASE_URL: '',
      NODE_ENV: 'production',
    },
  },
});
