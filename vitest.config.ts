import { defineConfig } from 'vitest/config';

const env = { TZ: 'Asia/Shanghai' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/{core,server,cli}/test/**/*.test.ts', 'packages/web/test/unit/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env,
        },
      },
      {
        // Each browser test file starts a server and Chromium: one file at a time, with room to breathe.
        test: {
          name: 'browser',
          include: ['packages/web/test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page arrives as its own script and then asks the API: on a machine busy with other work
          // that takes more than expect.poll's default second.
          expect: { poll: { timeout: 10_000 } },
          env,
        },
      },
    ],
  },
});
