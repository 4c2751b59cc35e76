import { defineProject } from "vitest/config"

export default defineProject({
  // Colour output is part of what the tests check; a test run is not a TTY, so force it.
  test: { name: "tui", include: ["test/**/*.test.ts", "test/**/*.test.tsx"], env: { FORCE_COLOR: "1" } }
})
