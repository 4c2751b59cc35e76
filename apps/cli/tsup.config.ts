import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineConfig } from "tsup"
import type { Options } from "tsup"

type Plugin = NonNullable<Options["esbuildPlugins"]>[number]

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string }

// Everything is bundled but the native SQLite binding (better-sqlite3 loads it relative to its own
// files): loading Effect bundled costs about a third of loading it module by module.
// @effect/platform-node's NodeHttpClient module also holds the undici client, and evaluating the
// bundled undici costs every command ~100 ms; its node:http client (the `layer` the app uses) lives
// in an internal module without it, same export names. The bundle takes that module directly.
const nodeHttpClient = fileURLToPath(new URL("./node_modules/@effect/platform-node/dist/esm/internal/httpClient.js", import.meta.url))
const leanHttpClient: Plugin = {
  name: "lean-http-client",
  setup(build) {
    build.onResolve({ filter: /^@effect\/platform-node\/NodeHttpClient$/ }, () => ({ path: nodeHttpClient }))
  }
}

// pg picks its socket at load by probing for Cloudflare Workers with `new Response(…)`, which makes
// Node load undici (~35 ms of every command that opens the team database). cchdrm runs on Node
// only: the bundle takes pg's Node sockets directly.
const nodeSocketsForPg: Plugin = {
  name: "node-sockets-for-pg",
  setup(build) {
    build.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, () => ({
      contents: "module.exports = { getStream: () => new (require(\"net\").Socket)(), getSecureStream: (options) => require(\"tls\").connect(options) }",
      loader: "js"
    }))
  }
}

// Code the CLI never runs but its libraries import: @effect/cli's YAML/TOML config-file parsers and
// fast-check behind Schema's Arbitrary (property tests only). Left out, every command starts with
// ~190 KB less to load; whatever reached them would fail with this message instead of a wrong answer.
const neverRun = /^(yaml|toml|fast-check)$/
const leaveOutNeverRun: Plugin = {
  name: "leave-out-never-run",
  setup(build) {
    build.onResolve({ filter: neverRun }, (args) => ({ path: args.path, namespace: "never-run" }))
    build.onLoad({ filter: /.*/, namespace: "never-run" }, (args) => ({
      contents: `const missing = () => { throw new Error(${JSON.stringify(`${args.path} is not part of the cchdrm bundle`)}) }\nexport const parse = missing`
    }))
  }
}

const common: Options = {
  format: ["esm"],
  sourcemap: true,
  target: "node20",
  platform: "node",
  noExternal: [/^(?!better-sqlite3$)/],
  // Parsing is most of a cold start: fewer bytes, faster start.
  minify: true,
  esbuildOptions(options) {
    // Core marks itself side-effect free; its chunk-only imports are meant to be dropped.
    options.logOverride = { "ignored-bare-import": "silent" }
  },
  esbuildPlugins: [leanHttpClient, leaveOutNeverRun, nodeSocketsForPg],
  define: { __CCHDRM_VERSION__: JSON.stringify(version) }
}

export default defineConfig([
  // bin.js stays tiny: it holds the lean statusline (evaluated only when asked for) and loads
  // main.cjs through the code cache (src/CodeCache.ts), which Node 20 only offers for scripts,
  // hence CommonJS for the program. No splitting: a chunk shared with a lazily loaded module (the
  // team database's) would be loaded at once.
  { ...common, entry: { bin: "src/bin.ts" }, splitting: false, clean: ["!program/**"] },
  {
    ...common,
    entry: { main: "src/main.ts" },
    outDir: "dist/program",
    clean: true,
    format: ["cjs"],
    outExtension: () => ({ js: ".cjs" }),
    define: { ...common.define, "import.meta.url": "__importMetaUrl" },
    banner: { js: "const __importMetaUrl = require(\"node:url\").pathToFileURL(__filename).href;" }
  }
])
