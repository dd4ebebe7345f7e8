import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/renderer/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/setup/pin-clock.ts'],
    // jsdom form tests type dozens of fields; on a loaded 2-core machine 5 s is too tight (timing budgets live in the bench).
    testTimeout: 20_000,
    // Vitest leaves one core free by default: on the 2-core CI machine that is a single worker for ~110 files.
    maxWorkers: 2,
  },
});
