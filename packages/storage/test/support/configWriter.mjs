// A real child process for ConfigFile.multiprocess.test.ts: edits one config file through the
// BUILT package (dist), as another cc-hdrm process would.
//
//   node configWriter.mjs FILE KEY FIRST PREFIX COUNT
//
// For i in 0..COUNT-1: `set KEY (FIRST + i)` and `add PREFIX-i`. Exits 0 only when all succeeded;
// the first failure's message goes to stderr.
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { PreferencesStore, Profile, ProfileStore } from "@cchdrm/core"
import { Effect } from "effect"

const distUrl = new URL("../../dist/ConfigFileStores.js", import.meta.url)
if (!existsSync(fileURLToPath(distUrl))) {
  process.stderr.write(`configWriter: ${fileURLToPath(distUrl)} is missing; run 'npx tsup' in packages/storage first\n`)
  process.exit(2)
}
const { layer } = await import(distUrl.href)
const [filename, key, first, prefix, count] = process.argv.slice(2)

const program = Effect.gen(function*() {
  const prefs = yield* PreferencesStore.PreferencesStore
  const profiles = yield* ProfileStore.ProfileStore
  for (let i = 0; i < Number(count); i++) {
    yield* prefs.set(key, String(Number(first) + i))
    yield* profiles.add(new ProfileStore.ProfileEntry({ name: Profile.ProfileName.make(`${prefix}-${i}`), source: "vault" }))
  }
})

Effect.runPromise(program.pipe(Effect.provide(layer({ filename })), Effect.either)).then((result) => {
  if (result._tag === "Left") {
    process.stderr.write(`${result.left.message}\n`)
    process.exit(1)
  }
})
