import { defineConfig } from "tsup"

// Electron itself is never bundled nor loaded by tests (its binary cannot be installed here).
export default defineConfig({
  entry: ["src/renderer/index.ts"],
  outDir: "dist/renderer",
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "browser",
  external: ["electron"]
})
