import { defineConfig } from "tsup"

// Three targets: the page (browser, one JS and one CSS file), the Node side (`cchdrm-tray`, the
// host and the web server) and the Electron shell (main + preload, CommonJS). Electron itself is
// never bundled nor loaded by tests (its binary cannot be installed here).
export default defineConfig([
  {
    entry: { index: "src/renderer/index.ts" },
    outDir: "dist/renderer",
    format: ["esm"],
    clean: true,
    minify: true,
    target: "es2022",
    platform: "browser",
    // The page loads nothing but these two files: every import is bundled.
    noExternal: [/.*/],
    publicDir: "src/renderer/public"
  },
  {
    entry: { bin: "src/bin.ts" },
    outDir: "dist",
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    splitting: true,
    external: ["electron", "better-sqlite3"]
  },
  {
    entry: { "main/main": "src/main/electronMain.ts", "preload/preload": "src/preload/preload.ts" },
    outDir: "dist",
    format: ["cjs"],
    outExtension: () => ({ js: ".cjs" }),
    target: "node20",
    platform: "node",
    // Electron loads main as CommonJS, and the workspace packages are ESM-only: bundle them.
    noExternal: [/^@cchdrm\//, /^effect/, /^@effect\//],
    external: ["electron", "better-sqlite3"]
  }
])
