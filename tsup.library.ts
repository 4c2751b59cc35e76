import { defineConfig } from "tsup"

// The build of every library package: each module is an entry so deep imports
// (`@cchdrm/core/domain/Headroom`) work, and splitting keeps one copy of each module, so a class
// imported two ways is still the same class. A `src/bin.ts` keeps its own `#!` line.
// Declarations come from tsc itself, file for file: a bundled `.d.ts` loses values that share a
// name with a type inside namespace re-exports (`Profile.ProfileName`).
export const library = defineConfig({
  entry: ["src/**/*.ts"],
  format: ["esm"],
  dts: false,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  onSuccess: "tsc -p tsconfig.build.json"
})
