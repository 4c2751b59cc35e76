// ConfigFile: `config.json` (API.md B.6) read and validated with core's schemas, written
// atomically under a lock file, never rewritten while it is invalid.
import { randomBytes } from "node:crypto"
import { type FSWatcher, watch } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { ConfigFileError as ConfigFileErrors, Preferences, Profile, ProfileStore as Profiles } from "@cchdrm/core"
import { Duration, Effect, Either, PubSub, Schedule, Schema, Stream } from "effect"

type ConfigFileError = ConfigFileErrors.ConfigFileError
const ConfigFileError = ConfigFileErrors.ConfigFileError
const defaultProfile = Profile.defaultProfile

/** Where the file is and how its changes are noticed. */
export interface Options {
  /** The config file, e.g. `DataPaths.configFile`. */
  readonly filename: string
  /** How often `changes` re-reads the file besides watching its directory (default 2 s). */
  readonly pollInterval?: Duration.DurationInput
  /** How long a writer waits for another process's lock before giving up (default 10 s). */
  readonly lockTimeout?: Duration.DurationInput
}

/** A valid config file: its JSON object as written (unknown keys included) and what it means. */
export interface Contents {
  readonly document: Readonly<Record<string, unknown>>
  readonly preferences: Preferences.Preferences
  /** Every profile, `default` first. */
  readonly profiles: ReadonlyArray<Profiles.ProfileEntry>
}

/** The config file. */
export interface ConfigFile {
  readonly filename: string
  /** The validated contents; a missing file holds the defaults and is not created. */
  readonly read: Effect.Effect<Contents, ConfigFileError>
  /**
   * Read-modify-write under the lock: `change` gets the current valid contents and returns the new
   * document (or `null` to write nothing) and a result. An invalid file is refused, untouched.
   */
  readonly update: <A, E>(
    change: (contents: Contents) => Effect.Effect<readonly [Record<string, unknown> | null, A], E>
  ) => Effect.Effect<A, E | ConfigFileError>
  /** The contents now, then after every change to the file, by this process or another. */
  readonly changes: Stream.Stream<Contents, ConfigFileError>
}

/** The profile entry of Claude Code's own login, present whether or not the file lists it. */
export const defaultEntry = new Profiles.ProfileEntry({ name: defaultProfile, source: "claude-code" })

const fixHint = "edit the file to fix it, or delete the key to use its default"

const decodeEntry = Schema.decodeUnknownEither(Profiles.ProfileEntry)

// The `profiles` key: an array of {name, source}; `default` may be listed (to keep it first) but is implied.
const decodeProfiles = (value: unknown): Either.Either<ReadonlyArray<Profiles.ProfileEntry>, string> => {
  if (value === undefined || value === null) return Either.right([defaultEntry])
  if (!Array.isArray(value)) return Either.left(`profiles must be an array of {"name": ..., "source": "claude-code" | "vault"}; ${fixHint}`)
  const entries: Array<Profiles.ProfileEntry> = []
  for (const [index, item] of value.entries()) {
    const entry = decodeEntry(item)
    if (Either.isLeft(entry)) {
      return Either.left(`profiles[${index}] = ${JSON.stringify(item)?.slice(0, 60)} is not a profile: a "name" of 1–64 letters, digits, '.', '_' or '-' and a "source" of "claude-code" or "vault"; ${fixHint}`)
    }
    if (entries.some((known) => known.name === entry.right.name)) {
      return Either.left(`profiles lists '${entry.right.name}' twice; remove one of them`)
    }
    entries.push(entry.right)
  }
  const others = entries.filter((entry) => entry.name !== defaultProfile)
  return Either.right([entries.find((entry) => entry.name === defaultProfile) ?? defaultEntry, ...others])
}

/** Validates the file's text (`null`: no file). Pure, so a test can check messages without I/O. */
export const parse = (filename: string, text: string | null): Either.Either<Contents, ConfigFileError> => {
  const problem = (text: string) => Either.left(new ConfigFileError({ path: filename, problem: text }))
  let document: unknown = {}
  if (text !== null) {
    try {
      document = JSON.parse(text.replace(/^\uFEFF/, ""))
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : "syntax error"
      return problem(`not valid JSON (${reason}); fix the syntax, or move the file away to start from the defaults`)
    }
  }
  const preferences = Preferences.decode(document)
  if (Either.isLeft(preferences)) {
    const key = preferences.left.key
    return problem(key === null ? preferences.left.message : `${preferences.left.message}; ${fixHint}`)
  }
  const record = document as Record<string, unknown>
  const profiles = decodeProfiles(record.profiles)
  if (Either.isLeft(profiles)) return problem(profiles.left)
  return Either.right({ document: record, preferences: preferences.right, profiles: profiles.right })
}

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined

// One line for a failed file operation, with the fix; never a stack trace.
const ioProblem = (action: string, target: string, error: unknown): string => {
  const code = codeOf(error)
  switch (code) {
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `cannot ${action} ${target}: permission denied or read-only (${code}); make the directory writable, or set CCHDRM_CONFIG_DIR to a writable directory`
    case "ENOSPC":
    case "EDQUOT":
      return `cannot ${action} ${target}: the disk is full (${code}); free some space and try again`
    case "EISDIR":
      return `cannot ${action} ${target}: it is a directory; move it away so the config file can be created`
    default:
      return `cannot ${action} ${target}: ${code ?? (error instanceof Error ? error.message.split("\n")[0] : String(error))}`
  }
}

/** Opens the config file `options.filename`; nothing is read or created until it is used. */
export const make = (options: Options): Effect.Effect<ConfigFile> => Effect.gen(function*() {
  const filename = path.resolve(options.filename)
  const dir = path.dirname(filename)
  const lockFile = `${filename}.lock`
  const lockTimeout = Duration.toMillis(options.lockTimeout ?? "10 seconds")
  const pollInterval = options.pollInterval ?? "2 seconds"
  const fail = (problem: string) => new ConfigFileError({ path: filename, problem })
  const io = <A>(action: string, target: string, run: () => Promise<A>) =>
    Effect.tryPromise({ try: run, catch: (error) => fail(ioProblem(action, target, error)) })
  // Our own writes reach `changes` at once, without waiting for the watcher.
  const written = yield* PubSub.unbounded<void>()

  const readText = Effect.tryPromise({
    try: () => fs.readFile(filename, "utf8"),
    catch: (error) => error
  }).pipe(
    Effect.catchIf((error) => codeOf(error) === "ENOENT", () => Effect.succeed(null)),
    Effect.mapError((error) => fail(ioProblem("read", filename, error)))
  )

  const read = Effect.flatMap(readText, (text) => parse(filename, text)).pipe(Effect.withSpan("ConfigFile.read"))

  // The lock is a file created exclusively; one left by a crashed process is taken over after a while.
  const staleAfter = 10_000
  const tryLock = (token: string) =>
    Effect.tryPromise({
      try: () => fs.writeFile(lockFile, token, { flag: "wx", mode: 0o600 }),
      catch: (error) => error
    })
  const breakIfStale = Effect.tryPromise(async () => {
    const stat = await fs.stat(lockFile)
    if (Date.now() - stat.mtimeMs < staleAfter) return false
    // Renaming first means two processes cannot both break the lock and then delete each other's.
    const aside = `${lockFile}.${randomBytes(6).toString("hex")}.stale`
    await fs.rename(lockFile, aside)
    await fs.rm(aside, { force: true })
    return true
  }).pipe(Effect.orElseSucceed(() => false))
  const acquire = Effect.gen(function*() {
    const token = `${process.pid} ${randomBytes(8).toString("hex")}`
    const deadline = Date.now() + lockTimeout
    while (true) {
      const result = yield* Effect.either(tryLock(token))
      if (Either.isRight(result)) return token
      const code = codeOf(result.left)
      if (code === "ENOENT") {
        yield* io("create the directory", dir, () => fs.mkdir(dir, { recursive: true }))
        continue
      }
      if (code !== "EEXIST") return yield* fail(ioProblem("write in", dir, result.left))
      if (yield* breakIfStale) continue
      if (Date.now() > deadline) {
        return yield* fail(`another process holds ${lockFile}; if no cc-hdrm is running, delete that file and try again`)
      }
      // Real time, not the Clock: the holder is another process, which a TestClock does not move.
      const pause = 5 + Math.floor(Math.random() * 20)
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, pause)))
    }
  })
  const release = (token: string) =>
    Effect.promise(async () => {
      const holder = await fs.readFile(lockFile, "utf8").catch(() => null)
      if (holder === token) await fs.rm(lockFile, { force: true })
    })
  const locked = <A, E>(use: Effect.Effect<A, E>) => Effect.acquireUseRelease(acquire, () => use, release)

  // Temp file beside the target, fsync, rename over it, fsync the directory: readers see the old
  // file or the new one, never half of one. A symlinked config is written where it points.
  const writeAtomically = (document: Record<string, unknown>) =>
    Effect.gen(function*() {
      const target = yield* Effect.promise(() => fs.realpath(filename).catch(() => filename))
      const mode = yield* Effect.promise(() => fs.stat(target).then((s) => s.mode & 0o777, () => 0o600))
      const temp = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`
      const text = `${JSON.stringify(document, null, 2)}\n`
      yield* io("write", temp, async () => {
        const handle = await fs.open(temp, "wx", mode)
        try {
          await handle.writeFile(text, "utf8")
          await handle.sync()
        } finally {
          await handle.close()
        }
      }).pipe(
        Effect.zipRight(io("replace", target, () => fs.rename(temp, target))),
        Effect.tapError(() => Effect.promise(() => fs.rm(temp, { force: true })))
      )
      if (process.platform !== "win32") {
        // Makes the rename durable; some file systems cannot sync a directory, and the file is already whole.
        yield* Effect.tryPromise(async () => {
          const handle = await fs.open(path.dirname(target), "r")
          await handle.sync().finally(() => handle.close())
        }).pipe(Effect.ignore)
      }
    })

  const update = <A, E>(
    change: (contents: Contents) => Effect.Effect<readonly [Record<string, unknown> | null, A], E>
  ): Effect.Effect<A, E | ConfigFileError> =>
    locked(Effect.gen(function*() {
      const text = yield* readText
      const contents = yield* Either.mapLeft(parse(filename, text), (error) =>
        fail(`${error.problem} (nothing was changed: cc-hdrm does not rewrite an invalid config file)`))
      const [document, result] = yield* change(contents)
      if (document !== null) {
        yield* writeAtomically(document)
        yield* PubSub.publish(written, undefined)
      }
      return result
    })).pipe(Effect.withSpan("ConfigFile.update"))

  // Any event in the directory, a poll tick or our own write triggers a re-read; unchanged text is
  // dropped. A file caught mid-write by another program is read again once before it counts as invalid.
  const watchDir = Stream.asyncScoped<void>((emit) =>
    Effect.acquireRelease(
      Effect.sync((): FSWatcher | null => {
        try {
          const watcher = watch(dir, { persistent: false }, (_event, name) => {
            if (name === null || name === path.basename(filename)) void emit.single(undefined)
          })
          watcher.on("error", () => watcher.close())
          return watcher
        } catch {
          return null // no directory yet: the poll notices when the file appears
        }
      }),
      (watcher) => Effect.sync(() => watcher?.close())
    )
  )
  const changes = Stream.unwrapScoped(Effect.gen(function*() {
    const ownWrites = yield* PubSub.subscribe(written)
    const triggers = Stream.mergeAll([
      watchDir.pipe(Stream.debounce(Duration.millis(30))),
      Stream.fromQueue(ownWrites),
      Stream.fromSchedule(Schedule.spaced(pollInterval)).pipe(Stream.as(undefined))
    ], { concurrency: 3 })
    const settled = readText.pipe(
      Effect.flatMap((text) =>
        Either.isRight(parse(filename, text))
          ? Effect.succeed(text)
          : Effect.zipRight(Effect.sleep(Duration.millis(100)), readText)
      )
    )
    return Stream.concat(Stream.fromEffect(readText), Stream.mapEffect(triggers, () => settled)).pipe(
      Stream.changes,
      Stream.mapEffect((text) => parse(filename, text))
    )
  }))

  return { filename, read, update, changes }
})

