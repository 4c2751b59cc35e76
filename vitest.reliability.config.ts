import { defineConfig } from "vitest/config"

// `pnpm test:reliability`: the fuzz, fault, storage and secrets suite (docs/RELIABILITY.md). Its
// files live in each package's reliability/ directory, outside the packages' own `test/**` globs,
// so the normal `vitest run` never runs them; each file resolves imports from its own package.
export default defineConfig({
  test: {
    include: ["packages/*/reliability/**/*.test.ts", "apps/*/reliability/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // Two cores: one file at a time keeps timing faults meaningful.
    fileParallelism: false
  }
})
