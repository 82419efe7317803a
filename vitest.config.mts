import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@engine': path.resolve(__dirname, 'engine'),
      '@store': path.resolve(__dirname, 'store'),
      '@lib': path.resolve(__dirname, 'lib'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'out/**', '.next/**'],
    environment: 'node',
    // Whole-run tests (hundreds of domains) take seconds on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
