import { fileURLToPath } from "node:url"
import { defineConfig } from "tsup"
import type { Options } from "tsup"

type Plugin = NonNullable<Options["esbuildPlugins"]>[number]

// The node:http client lives in an internal module of @effect/platform-node without undici, whose
// evaluation would cost every start ~100 ms (the CLI's bundle does the same).
const nodeHttpClient = fileURLToPath(new URL("./node_modules/@effect/platform-node/dist/esm/internal/httpClient.js", import.meta.url))
const leanHttpClient: Plugin = {
  name: "lean-http-client",
  setup(build) {
    build.onResolve({ filter: /^@effect\/platform-node\/NodeHttpClient$/ }, () => ({ path: nodeHttpClient }))
  }
}

export default defineConfig([
  // The components as a library (types included).
  { entry: ["src/index.ts"], format: ["esm"], dts: true, sourcemap: true, clean: false, target: "node20" },
  // `cchdrm-tui`: one bundle but the native SQLite binding, minified — parsing is most of a cold start.
  {
    entry: { bin: "src/bin.ts" },
    outDir: "dist/app",
    clean: true,
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    noExternal: [/^(?!(better-sqlite3|react-devtools-core)$)/],
    minify: true,
    // ink loads react-devtools-core only when DEV is set; it is not a dependency.
    external: ["react-devtools-core"],
    banner: { js: "import { createRequire as __cchdrmRequire } from \"node:module\"; const require = __cchdrmRequire(import.meta.url);" },
    esbuildOptions(options) {
      options.logOverride = { "ignored-bare-import": "silent" }
    },
    esbuildPlugins: [leanHttpClient]
  }
])
