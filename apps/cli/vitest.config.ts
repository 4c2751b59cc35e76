import { defineProject } from "vitest/config"

// One PostgreSQL cluster per run, for the team history tests.
export default defineProject({
  test: {
    name: "cli",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 30000,
    globalSetup: ["test/support/postgres.global.ts"]
  }
})
