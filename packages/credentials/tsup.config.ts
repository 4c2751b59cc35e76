import { defineConfig } from "tsup"

// Every module is an entry so deep imports work; splitting keeps one copy of each module, so a
// class imported two ways is still the same class.
export default defineConfig({
  entry: ["src/**/*.ts"],
  format: ["esm"],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "node20"
})
