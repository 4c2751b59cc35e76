// The vault as a 0600 file in a 0700 directory under the data dir, written atomically under a lock.
import { chmod, mkdir, readFile } from "node:fs/promises"
import { ConfigFileError } from "@cchdrm/core/services/ConfigFileError"
import { CredentialsInvalid, CredentialsNotFound, CredentialStore, CredentialsWriteFailed } from "@cchdrm/core/services/CredentialStore"
import type { Credentials } from "@cchdrm/core/services/CredentialStore"
import { ProfileExists, ProfileNotFound } from "@cchdrm/core/services/ProfileStore"
import { defaultProfile, ProfileName } from "@cchdrm/core/domain/Profile"
import { Clock, Effect, Either, Layer, Schema } from "effect"
import type { Duration } from "effect"
import * as AtomicFile from "./AtomicFile.js"
import * as ClaudeCodeFile from "./ClaudeCodeFile.js"
import * as CompareAndSwap from "./CompareAndSwap.js"
import * as FileLock from "./FileLock.js"
import { redactSecrets } from "@cchdrm/core/domain/Redact"
import { Vault } from "@cchdrm/core/services/Vault"
import * as VaultFile from "./VaultFile.js"

/** Where the vault lives and where `addFromClaudeCode` copies from. */
export interface Options {
  /** cc-hdrm's data dir (`CCHDRM_DATA_DIR` or the platform's; storage's `DataPaths` resolves it). */
  readonly dataDir: string
  /** The store of Claude Code's login, read as profile `default`. */
  readonly claudeCode: CredentialStore["Type"]
  /** How long a write waits for another holder of the lock (default {@link FileLock.waitAtMost}). */
  readonly lockWait?: Duration.DurationInput
}

const codeOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? cause.code : "unknown error"

const pasteFix = "paste the whole content of ~/.claude/.credentials.json (the {\"claudeAiOauth\": …} object) into the file"

const readProblem = (code: string, path: string): string => {
  switch (code) {
    case "EISDIR":
      return "it is a directory, not a file — give the path of the file"
    case "EACCES":
    case "EPERM":
      return `permission denied — make it readable by you with 'chmod 600 ${path}'`
    default:
      return `it cannot be read (${code}) — check the disk and the file's permissions`
  }
}

/** The vault and its CredentialStore; fails with `ConfigFileError` when its directory is unusable. */
export const make = (options: Options) =>
  Effect.gen(function*() {
    const dir = VaultFile.directoryIn(options.dataDir)
    const path = VaultFile.pathIn(options.dataDir)
    const lockWait = options.lockWait ?? FileLock.waitAtMost
    const fileError = (problem: string) => new ConfigFileError({ path, problem })

    // Only the user may list the directory; chmod also narrows one made earlier with a wider mode.
    yield* Effect.tryPromise({
      try: async () => {
        await mkdir(dir, { recursive: true, mode: 0o700 })
        await chmod(dir, 0o700)
      },
      catch: (cause) =>
        new ConfigFileError({ path: dir, problem: `the vault directory cannot be created (${codeOf(cause)}) — check that CCHDRM_DATA_DIR points to a writable directory` })
    })

    const load: Effect.Effect<VaultFile.Document, ConfigFileError> = Effect.tryPromise({
      try: () => readFile(path, "utf8").catch((cause) => {
        // No file yet is an empty vault.
        if (codeOf(cause) === "ENOENT") return undefined
        throw cause
      }),
      catch: (cause) => fileError(readProblem(codeOf(cause), path))
    }).pipe(
      Effect.flatMap((text) =>
        text === undefined
          ? Effect.succeed(VaultFile.empty)
          : Either.mapLeft(VaultFile.parse(text), (problem) => fileError(redactSecrets(problem))))
    )

    // Read-modify-write under the lock, so two cc-hdrm processes never lose each other's change.
    const update = <A, E>(
      change: (document: VaultFile.Document) => Effect.Effect<readonly [VaultFile.Document, A], E>
    ): Effect.Effect<A, E | ConfigFileError> =>
      Effect.gen(function*() {
        const [next, result] = yield* change(yield* load)
        yield* AtomicFile.write(path, VaultFile.render(next), 0o600).pipe(
          Effect.catchTag("WriteFailed", (error) => Effect.fail(fileError(`writing failed (${error.reason}) — check the directory's permissions and free space`)))
        )
        return result
      }).pipe(
        FileLock.withLock(path, { waitAtMost: lockWait }),
        Effect.catchIf((error): error is FileLock.LockFailed => error instanceof FileLock.LockFailed, (error) =>
          Effect.fail(fileError(`${error.reason} — try again; remove the lock file if no cc-hdrm is running`)))
      )

    const reserved = (profile: ProfileName) =>
      profile === defaultProfile ? Effect.fail(new ProfileExists({ profile })) : Effect.void

    const store = (profile: ProfileName, oauth: Readonly<Record<string, unknown>>, addedFrom: "claude-code" | "file") =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        update((document) => {
          const stored = VaultFile.entry(oauth, addedFrom, now)
          return Effect.succeed([VaultFile.withEntry(document, profile, stored), VaultFile.describe(profile, stored)] as const)
        }))

    const addFromClaudeCode = Effect.fn("Vault.addFromClaudeCode")(function*(profile: ProfileName) {
      yield* reserved(profile)
      const login = yield* options.claudeCode.read(defaultProfile)
      return yield* store(profile, ClaudeCodeFile.mergeOAuth({}, login), "claude-code")
    })

    const addFromFile = Effect.fn("Vault.addFromFile")(function*(profile: ProfileName, file: string) {
      yield* reserved(profile)
      const invalid = (problem: string) => new CredentialsInvalid({ profile, location: file, problem })
      const text = yield* Effect.tryPromise({ try: () => readFile(file, "utf8"), catch: codeOf }).pipe(
        Effect.mapError((code) => invalid(code === "ENOENT" ? "the file does not exist — check the path" : readProblem(code, file)))
      )
      const document = yield* ClaudeCodeFile.parse(text, file, profile, pasteFix).pipe(
        Either.mapLeft((error) => error._tag === "CredentialsNotFound" ? invalid(`it has no claudeAiOauth object — ${pasteFix}`) : error)
      )
      // Only the login is kept: other keys of a pasted file (e.g. mcpOAuth) are not ours to store.
      return yield* store(profile, document.oauth, "file")
    })

    const names = (document: VaultFile.Document) => Object.keys(document.profiles).sort()

    const remove = Effect.fn("Vault.remove")(function*(profile: ProfileName) {
      yield* update((document) =>
        document.profiles[profile] === undefined
          ? Effect.fail(new ProfileNotFound({ profile, known: names(document) }))
          : Effect.succeed([VaultFile.withEntry(document, profile, undefined), undefined] as const))
    })

    const rename = Effect.fn("Vault.rename")(function*(from: ProfileName, to: ProfileName) {
      yield* reserved(to)
      yield* update((document): Effect.Effect<readonly [VaultFile.Document, void], ProfileNotFound | ProfileExists> => {
        const entry = document.profiles[from]
        if (entry === undefined) return Effect.fail(new ProfileNotFound({ profile: from, known: names(document) }))
        if (document.profiles[to] !== undefined) return Effect.fail(new ProfileExists({ profile: to }))
        return Effect.succeed([VaultFile.withEntry(VaultFile.withEntry(document, from, undefined), to, entry), undefined] as const)
      })
    })

    const list = Effect.map(load, (document) =>
      names(document).flatMap((name) =>
        Either.match(Schema.decodeEither(ProfileName)(name), {
          onLeft: () => [],
          onRight: (profile) => [VaultFile.describe(profile, document.profiles[name]!)]
        }))).pipe(Effect.withSpan("Vault.list"))

    // The CredentialStore side: every profile it is asked for is a vault profile.
    const located = path
    const readEntry = (profile: ProfileName) =>
      Effect.gen(function*() {
        const document = yield* load.pipe(
          Effect.mapError((error) => new CredentialsInvalid({ profile, location: located, problem: error.problem }))
        )
        const entry = document.profiles[profile]
        if (entry === undefined) {
          return yield* Effect.fail(new CredentialsNotFound({ profile, source: "vault", searched: [located] }))
        }
        const decoded = yield* ClaudeCodeFile.decodeOAuth(entry["claudeAiOauth"], `${located} (profile '${profile}')`, profile, VaultFile.reimport(profile))
        return { entry, ...decoded }
      })

    const read = Effect.fn("CredentialStore.read")(function*(profile: ProfileName) {
      return (yield* readEntry(profile)).credentials
    })

    const writeBack = Effect.fn("CredentialStore.writeBack")(function*(profile: ProfileName, previous: Credentials, next: Credentials) {
      const failed = (problem: string) => new CredentialsWriteFailed({ profile, location: located, problem })
      return yield* CompareAndSwap.writeBack({
        read: readEntry(profile),
        previous,
        next,
        write: (current) =>
          Effect.gen(function*() {
            const document = yield* load.pipe(Effect.mapError((error) => failed(error.problem)))
            const entry = { ...current.entry, claudeAiOauth: ClaudeCodeFile.mergeOAuth(current.oauth, next) }
            yield* AtomicFile.write(path, VaultFile.render(VaultFile.withEntry(document, profile, entry)), 0o600).pipe(
              Effect.catchTag("WriteFailed", (error) => Effect.fail(failed(`writing failed (${error.reason}) — check the directory's permissions and free space`)))
            )
          }),
        lockPath: path,
        lockWait,
        lockFailed: (reason) => failed(`${reason} — try again; remove the lock file if no cc-hdrm is running`)
      })
    })

    return {
      vault: Vault.of({ addFromClaudeCode, addFromFile, remove, rename, list }),
      store: CredentialStore.of({ read, sourceOf: () => "vault", writeBack })
    }
  })

/** The vault in `options.dataDir`, with its CredentialStore (for vault profiles only). */
export const layer = (options: Options): Layer.Layer<Vault | CredentialStore, ConfigFileError> =>
  Layer.unwrapEffect(Effect.map(make(options), ({ store, vault }) =>
    Layer.merge(Layer.succeed(Vault, vault), Layer.succeed(CredentialStore, store))))
