import { defineProject } from "vitest/config"

// Property tests and real servers share 2 cores with the rest of the suite: allow them time,
// while each test still asserts on results, never on speed. One PostgreSQL cluster per run.
export default defineProject({
  test: {
    name: "storage",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    globalSetup: ["test/support/postgres.global.ts"]
  }
})
