import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/renderer/**/*.test.tsx'],
    environment: 'node',
  },
});
