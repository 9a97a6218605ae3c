import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "web/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // A private Redis for the work-queue tests unless INFONCE_TEST_REDIS names one (see test/redis-setup.ts).
    globalSetup: ["test/redis-setup.ts"],
  },
});
