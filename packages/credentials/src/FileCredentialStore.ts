// CredentialStore over Claude Code's credentials file (SPEC §1.1–1.3, API.md A.4).
import { homedir } from "node:os"
import { join } from "node:path"
import { CredentialsNotFound, CredentialStore, CredentialsWriteFailed } from "@cchdrm/core/services/CredentialStore"
import type { CredentialSource, Credentials } from "@cchdrm/core/services/CredentialStore"
import { defaultProfile } from "@cchdrm/core/domain/Profile"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { Config, Effect, Layer } from "effect"
import type { Duration } from "effect"
import type { ConfigError } from "effect"
import * as AtomicFile from "./AtomicFile.js"
import * as ClaudeCodeFile from "./ClaudeCodeFile.js"
import * as CompareAndSwap from "./CompareAndSwap.js"
import * as FileLock from "./FileLock.js"

/** Where Claude Code keeps its files. */
export interface Options {
  /** `$CLAUDE_CONFIG_DIR`, normally `~/.claude`. */
  readonly configDir: string
  /** The one profile this login belongs to (default `default`); others have no credentials here. */
  readonly profile?: ProfileName
  /** How long a write-back waits for another holder of the lock (default {@link FileLock.waitAtMost}). */
  readonly lockWait?: Duration.DurationInput
}

/** Claude Code's default config directory, `~/.claude`. */
export const defaultConfigDir = (): string => join(homedir(), ".claude")

/**
 * The store of one profile's login: Claude Code has one login per config directory. Any other
 * profile is `CredentialsNotFound`, so a misrouted profile never gets this account's tokens.
 */
export const make = (options: Options): Effect.Effect<CredentialStore["Type"]> => Effect.sync(() => {
  const path = ClaudeCodeFile.pathIn(options.configDir)
  const owner = options.profile ?? defaultProfile
  const notOwned = (profile: ProfileName) =>
    profile === owner ? Effect.void : Effect.fail(new CredentialsNotFound({ profile, source: "claude-code", searched: [] }))

  const read = Effect.fn("CredentialStore.read")(function*(profile: ProfileName) {
    yield* notOwned(profile)
    const document = yield* ClaudeCodeFile.read(path, profile)
    return document.credentials
  })

  // Under the lock: re-read, compare, write. Claude Code takes no lock of its own, so the
  // compare right before an atomic rename is what keeps its newer tokens (SPEC §1.3).
  const writeBack = Effect.fn("CredentialStore.writeBack")(function*(
    profile: ProfileName,
    previous: Credentials,
    next: Credentials
  ) {
    yield* notOwned(profile)
    const failed = (problem: string) => new CredentialsWriteFailed({ profile, location: path, problem })
    return yield* CompareAndSwap.writeBack({
      read: ClaudeCodeFile.read(path, profile),
      previous,
      next,
      write: (document) =>
        AtomicFile.write(path, ClaudeCodeFile.render(document, next), 0o600).pipe(
          Effect.catchTag("WriteFailed", (error) => Effect.fail(failed(`writing failed (${error.reason}) — check the directory's permissions and free space`)))
        ),
      lockPath: path,
      lockWait: options.lockWait ?? FileLock.waitAtMost,
      lockFailed: (reason) => failed(`${reason} — try again; remove the lock file if no cc-hdrm or claude is running`)
    })
  })

  return CredentialStore.of({ read, sourceOf: () => "claude-code", writeBack })
})

/** The store over `options.configDir`. */
export const layer = (options: Options): Layer.Layer<CredentialStore> =>
  Layer.effect(CredentialStore, make(options))

/** `CLAUDE_CONFIG_DIR`, `~/.claude` when unset or empty (like Claude Code itself). */
export const configDir: Config.Config<string> = Config.string("CLAUDE_CONFIG_DIR").pipe(
  Config.withDefault(""),
  Config.map((dir) => dir === "" ? defaultConfigDir() : dir)
)

/** Where each credential source keeps its tokens, in words for `doctor`: Claude Code's file, or the vault. */
export const credentialsPlace: Effect.Effect<(source: CredentialSource) => string, ConfigError.ConfigError> = Effect.map(
  configDir,
  (dir) => (source) => source === "claude-code" ? ClaudeCodeFile.pathIn(dir) : "the cc-hdrm vault"
)

/** The store over `$CLAUDE_CONFIG_DIR` (API.md B.1). */
export const layerConfig: Layer.Layer<CredentialStore, ConfigError.ConfigError> = Layer.unwrapEffect(
  Effect.map(configDir, (dir) => layer({ configDir: dir }))
)
