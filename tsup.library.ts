import { defineConfig } from "tsup"

// The build of every library package: each module is an entry so deep imports
// (`@cchdrm/core/domain/Headroom`) work, and splitting keeps one copy of each module, so a class
// imported two ways is still the same class. A `src/bin.ts` keeps its own `#!` line.
export const library = defineConfig({
  entry: ["src/**/*.ts"],
  format: ["esm"],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "node20"
})
