import { defineConfig } from "tsup"

// Every module is an entry so deep imports (`@cchdrm/testkit/SimulatedAccount`) work; splitting keeps
// one copy of each module. `src/bin.ts` starts with its own `#!/usr/bin/env node` line, which tsup
// keeps (and marks the file executable), so no banner is needed here.
export default defineConfig({
  entry: ["src/**/*.ts"],
  format: ["esm"],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "node20"
})
