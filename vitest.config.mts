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
    // The store's tests run as the page does once it has fetched V4V and the xenstore broker.
    setupFiles: ['store/testSetup.ts', 'scripts/fcSetup.ts'],
    // Whole-run tests (hundreds of domains) take seconds on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
