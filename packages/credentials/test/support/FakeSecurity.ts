// Installs fake-security.cjs as `security` first on PATH for the scope; reads what it recorded.
import { chmod, copyFile, readFile, rm, writeFile } from "node:fs/promises"
import { existsSync } from "node:fs"
import { delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import * as TempDir from "./TempDir.js"

const script = fileURLToPath(new URL("./fake-security.cjs", import.meta.url))

/** A fake Keychain: its directory and helpers to seed and inspect it. */
export interface FakeSecurity {
  readonly dir: string
  /** Sets a generic password, as Claude Code would. */
  readonly put: (service: string, account: string, secret: string) => Effect.Effect<void>
  /** The stored generic password, `undefined` when there is none. */
  readonly get: (service: string, account: string) => Effect.Effect<string | undefined>
  /** Every argv the tool was run with. */
  readonly argvs: Effect.Effect<ReadonlyArray<ReadonlyArray<string>>>
  /** Every argv the tool refused because it looked like a secret. */
  readonly violations: Effect.Effect<ReadonlyArray<ReadonlyArray<string>>>
  /** Makes `find-generic-password` exit with `code` (`null`: behave again). */
  readonly failReads: (code: number | null) => Effect.Effect<void>
}

const lines = (path: string) =>
  Effect.promise(async () =>
    existsSync(path)
      ? (await readFile(path, "utf8")).split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Array<string>)
      : []
  )

const key = (service: string, account: string) => `${service}\u0000${account}`

/** A fake `security` first on PATH until the scope closes. */
export const install = Effect.gen(function*() {
  const dir = yield* TempDir.make
  const store = join(dir, "keychain.json")
  yield* Effect.promise(async () => {
    await copyFile(script, join(dir, "security"))
    await chmod(join(dir, "security"), 0o755)
  })
  yield* Effect.acquireRelease(
    Effect.sync(() => {
      const previous = process.env["PATH"]
      process.env["PATH"] = `${dir}${delimiter}${previous ?? ""}`
      return previous
    }),
    (previous) => Effect.sync(() => void (process.env["PATH"] = previous))
  )
  const load = Effect.promise(async () =>
    existsSync(store) ? JSON.parse(await readFile(store, "utf8")) as Record<string, string> : {}
  )
  const fake: FakeSecurity = {
    dir,
    put: (service, account, secret) =>
      Effect.flatMap(load, (items) => Effect.promise(() => writeFile(store, JSON.stringify({ ...items, [key(service, account)]: secret })))),
    get: (service, account) => Effect.map(load, (items) => items[key(service, account)]),
    argvs: lines(join(dir, "argv.log")),
    violations: lines(join(dir, "violations.log")),
    failReads: (code) =>
      Effect.promise(async () => {
        const path = join(dir, "exit-code")
        if (code === null) await rm(path, { force: true })
        else await writeFile(path, String(code))
      })
  }
  return fake
})
