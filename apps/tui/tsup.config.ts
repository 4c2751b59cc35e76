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

// ink loads react-devtools-core only when DEV is set; it is not a dependency, so the bundle holds a
// stand-in that says so if it is ever reached.
const noDevtools: Plugin = {
  name: "no-devtools",
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, (args) => ({ path: args.path, namespace: "no-devtools" }))
    build.onLoad({ filter: /.*/, namespace: "no-devtools" }, () => ({
      contents: "throw new Error(\"react-devtools-core is not part of the cchdrm-tui bundle: unset DEV\")"
    }))
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
    // One file; lazily imported modules (the demo, the team database's driver) are evaluated only
    // when used. With chunks, the PostgreSQL driver landed in a chunk every start evaluated.
    splitting: false,
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    noExternal: [/^(?!better-sqlite3$)/],
    minify: true,
    banner: { js: "import { createRequire as __cchdrmRequire } from \"node:module\"; const require = __cchdrmRequire(import.meta.url);" },
    esbuildOptions(options) {
      options.logOverride = { "ignored-bare-import": "silent" }
    },
    esbuildPlugins: [leanHttpClient, noDevtools]
  }
])
