// Lint for the whole repo: typescript-eslint's syntax-only rules (fast, no type information) plus the
// architecture rules of ARCHITECTURE.md and STYLE.md §4–5, so a boundary crossed fails `pnpm lint`.
// tooling/checks/test/lint.test.ts proves that each project rule fires.
import { builtinModules } from "node:module"
import js from "@eslint/js"
import { defineConfig, globalIgnores } from "eslint/config"
import tseslint from "typescript-eslint"

const allSource = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"]
const plainJs = ["**/*.{js,jsx,mjs,cjs}"]

// Every Node built-in, bare (`fs`, `fs/promises`) or with the `node:` scheme (`node:sqlite` has no
// bare form, so the scheme alone is enough to match).
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
const bareBuiltins = builtinModules.filter((name) => !name.startsWith("node:")).map(escapeRegex)
const nodeBuiltin = `^(?:node:.*|(?:${bareBuiltins.join("|")})(?:/.*)?)$`

// Node's globals, declared for plain JS (scripts, bench) where `no-undef` still runs; TypeScript
// files get `no-undef` from the compiler instead.
const nodeGlobals = Object.fromEntries(
  [
    "AbortController", "AbortSignal", "Blob", "Buffer", "BroadcastChannel", "DOMException", "Event",
    "EventTarget", "FormData", "Headers", "MessageChannel", "Request", "Response", "TextDecoder",
    "TextEncoder", "URL", "URLSearchParams", "WebAssembly", "__dirname", "__filename", "atob", "btoa",
    "clearImmediate", "clearInterval", "clearTimeout", "console", "crypto", "exports", "fetch", "global",
    "module", "navigator", "performance", "process", "queueMicrotask", "require", "setImmediate",
    "setInterval", "setTimeout", "structuredClone"
  ].map((name) => [name, "readonly"])
)

const coreMessages = {
  node:
    "@cchdrm/core is portable and has no Node APIs (STYLE §5). Use effect / @effect/platform abstractions " +
    "(HttpClient, Config, Clock, a service Tag) and implement the Node side in @cchdrm/storage, " +
    "@cchdrm/credentials or an app.",
  platform:
    "@cchdrm/core depends only on effect and @effect/platform abstractions (ARCHITECTURE). Put " +
    "platform code (Node layers, SQL, Electron, ink/React) in storage, credentials or an app, and reach it " +
    "through a service Tag.",
  ours:
    "@cchdrm/core never imports another @cchdrm package (or itself by name): define a service Tag in " +
    "core/src/services and let storage/credentials implement it; import core's own modules by relative path.",
  process:
    "No `process` in @cchdrm/core: read settings through Effect's Config (the app provides the " +
    "ConfigProvider) and take platform facts as inputs.",
  console:
    "No `console` in @cchdrm/core: return data for the frontend to render, or use Effect.log / " +
    "Effect.logDebug.",
  nodeGlobal:
    "Node-only global in @cchdrm/core: use portable code (Uint8Array/TextEncoder instead of Buffer, " +
    "static imports instead of require) or move it to a Node package.",
  time:
    "Time comes from Effect's Clock in @cchdrm/core (STYLE §4): `yield* Clock.currentTimeMillis`, or take " +
    "`now` as an argument, so tests drive TestClock. `new Date(ms)` for a known instant is fine."
}

const appsMessages = {
  internals:
    "Apps import only the entry points `@cchdrm/storage` and `@cchdrm/credentials`: their modules are " +
    "internals. If an app needs something, export it (or a composed layer) from that package's index.ts.",
  internalOfAny: "`internal/*` modules are private to their package (the exports map hides them). Use its entry point.",
  relative:
    "Import a workspace package by name (`@cchdrm/core`, `@cchdrm/storage`, `@cchdrm/credentials`), " +
    "never by a relative path into packages/*: that skips its exports map and its build."
}

const testkitMessage =
  "@cchdrm/testkit speaks only the wire format of API.md and imports nothing of ours, so it cannot share " +
  "a bug with core (ARCHITECTURE). Write the JSON bodies, statuses and headers from API.md by hand."

export default defineConfig(
  globalIgnores(
    ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/coverage/**", "tooling/checks/fixtures/**"],
    "cchdrm/ignores"
  ),
  {
    name: "cchdrm/base",
    files: allSource,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" }
  },
  {
    name: "cchdrm/plain-js",
    files: plainJs,
    languageOptions: { globals: nodeGlobals }
  },
  {
    name: "cchdrm/commonjs",
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" }
  },
  {
    // Shapes of idiomatic Effect code that the recommended sets would flag.
    name: "cchdrm/style",
    files: allSource,
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", {
        args: "after-used",
        argsIgnorePattern: "^_",
        varsIgnorePattern: "^_",
        caughtErrorsIgnorePattern: "^_",
        destructuredArrayIgnorePattern: "^_",
        ignoreRestSiblings: true
      }],
      // `interface UsageSnapshot extends Schema.Schema.Type<typeof UsageSnapshot> {}` names a type.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      // `export declare namespace Monitor { … }` beside a value of the same name.
      "@typescript-eslint/no-namespace": ["error", { allowDeclarations: true }],
      // `Effect.gen(function*() { return x })` is fine without a yield.
      "require-yield": "off"
    }
  },

  // (a, b) packages/core/src: portable, and time only through Clock.
  {
    name: "cchdrm/core-portable",
    files: ["packages/core/src/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: nodeBuiltin, message: coreMessages.node },
          {
            regex: "^(?:@effect/platform-(?:node|bun|browser)|@effect/sql(?:-.*)?|better-sqlite3|electron|ink|react|react-dom)(?:/.*)?$",
            message: coreMessages.platform
          },
          { regex: "^@cchdrm/", message: coreMessages.ours }
        ]
      }],
      "no-restricted-globals": [
        "error",
        { name: "process", message: coreMessages.process },
        { name: "console", message: coreMessages.console },
        ...["Buffer", "require", "module", "exports", "__dirname", "__filename", "global", "setImmediate", "clearImmediate"]
          .map((name) => ({ name, message: coreMessages.nodeGlobal }))
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: coreMessages.time },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: coreMessages.time },
        { selector: "CallExpression[callee.name='Date']", message: coreMessages.time },
        { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: coreMessages.time },
        { selector: "ImportExpression[source.value=/^node:/]", message: coreMessages.node }
      ]
    }
  },

  // (c) packages/testkit: the wire format only.
  {
    name: "cchdrm/testkit-wire-only",
    files: ["packages/testkit/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: "^@cchdrm/", message: testkitMessage },
          { regex: "^(?:\\.\\./)+(?:packages|apps)/|^(?:\\.\\./){2,}(?:core|storage|credentials)(?:/|$)", message: testkitMessage }
        ]
      }]
    }
  },

  // (d) apps: storage and credentials only through their entry points.
  {
    name: "cchdrm/apps-entry-points",
    files: ["apps/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: "^@cchdrm/(?:storage|credentials)/(?!package\\.json$)", message: appsMessages.internals },
          { regex: "^@cchdrm/(?!storage/|credentials/)[^/]+/internal(?:/|$)", message: appsMessages.internalOfAny },
          { regex: "^(?:\\.\\./)+packages/", message: appsMessages.relative }
        ]
      }]
    }
  }
)
