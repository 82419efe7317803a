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
    // Tests build simulations from the engine's parts as well as through engine/index.ts:
    // install the V4V transport and the xenstore broker for all of them, as the runner does.
    setupFiles: ['engine/v4v/install.ts', 'engine/vsock/xsbroker-install.ts'],
    // Whole-run tests (hundreds of domains) take seconds on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
