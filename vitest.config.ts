import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'testing/empty-module.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'data/**'],
    environment: 'node',
    pool: 'forks',
    // Generous limits: no test may fail because a loaded machine is slow (wall-clock bounds belong in
    // `stop bench`); these only stop a hung test.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    globalSetup: ['testing/global-setup.ts'],
    setupFiles: ['testing/worker-setup.ts'],
  },
});
