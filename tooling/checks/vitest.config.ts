import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "checks", include: ["test/**/*.test.ts"], testTimeout: 60000 }
})
