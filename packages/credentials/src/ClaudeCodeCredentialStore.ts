// Claude Code's login wherever it lives: the macOS Keychain first, then the credentials file (SPEC §1.1).
import { CredentialsNotFound, CredentialStore } from "@cchdrm/core/services/CredentialStore"
import type { Credentials, CredentialsWriteFailed, ReadError } from "@cchdrm/core/services/CredentialStore"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { Config, Effect, Layer, Option } from "effect"
import type { ConfigError } from "effect"
import * as ClaudeCodeFile from "./ClaudeCodeFile.js"
import * as FileCredentialStore from "./FileCredentialStore.js"
import * as KeychainCredentialStore from "./KeychainCredentialStore.js"
import * as KeychainService from "./KeychainService.js"

/** Where to look. */
export interface Options {
  /** `$CLAUDE_CONFIG_DIR`, normally `~/.claude`. */
  readonly configDir: string
  /** The Keychain item to try first; none off macOS or with `CCHDRM_KEYCHAIN=off`. */
  readonly keychain?: Omit<KeychainCredentialStore.Options, "lockPath" | "profile">
  /** The profile this login belongs to (default `default`). */
  readonly profile?: ProfileName
}

// Claude Code keeps its login in exactly one place; an item that does not exist sends us on.
const firstFound = <A, E extends ReadError | CredentialsWriteFailed>(
  profile: ProfileName,
  first: Effect.Effect<A, E>,
  second: Effect.Effect<A, E>
) =>
  first.pipe(
    Effect.catchIf((error): error is Extract<E, CredentialsNotFound> => error._tag === "CredentialsNotFound", (missed) =>
      second.pipe(
        Effect.catchIf((error): error is Extract<E, CredentialsNotFound> => error._tag === "CredentialsNotFound", (alsoMissed) =>
          Effect.fail(new CredentialsNotFound({ profile, source: "claude-code", searched: [...missed.searched, ...alsoMissed.searched] })))
      ))
  )

/** The store of Claude Code's login: the Keychain item when given and present, else the file. */
export const make = (options: Options): Effect.Effect<CredentialStore["Type"]> =>
  Effect.gen(function*() {
    const owner = options.profile === undefined ? {} : { profile: options.profile }
    const file = yield* FileCredentialStore.make({ configDir: options.configDir, ...owner })
    if (options.keychain === undefined) return file
    const keychain = yield* KeychainCredentialStore.make({ ...options.keychain, ...owner, lockPath: ClaudeCodeFile.pathIn(options.configDir) })
    return CredentialStore.of({
      read: (profile) => firstFound(profile, keychain.read(profile), file.read(profile)),
      sourceOf: () => "claude-code",
      writeBack: (profile: ProfileName, previous: Credentials, next: Credentials) =>
        firstFound(profile, keychain.writeBack(profile, previous, next), file.writeBack(profile, previous, next))
    })
  })

/** Whether Keychain lookups happen: on macOS unless `CCHDRM_KEYCHAIN=off` (API.md B.1). */
export const keychainEnabled = (platform: NodeJS.Platform, setting: string): boolean =>
  platform === "darwin" && setting.trim().toLowerCase() !== "off"

/**
 * The options the environment gives on `platform`: `CLAUDE_CONFIG_DIR` (its raw value also names
 * the Keychain item, A.4) and `CCHDRM_KEYCHAIN`.
 */
export const optionsConfig = (platform: NodeJS.Platform = process.platform): Config.Config<Options> =>
  Config.all({
    raw: Config.option(Config.string("CLAUDE_CONFIG_DIR")),
    configDir: FileCredentialStore.configDir,
    setting: Config.string("CCHDRM_KEYCHAIN").pipe(Config.withDefault("on"))
  }).pipe(
    Config.map(({ configDir, raw, setting }) =>
      keychainEnabled(platform, setting)
        ? { configDir, keychain: { service: KeychainService.serviceNameFor(Option.getOrUndefined(raw)) } }
        : { configDir }
    )
  )

/** The store from the environment of this process (API.md B.1). */
export const layerConfig: Layer.Layer<CredentialStore, ConfigError.ConfigError> = Layer.unwrapEffect(
  Effect.map(optionsConfig(), (options) => Layer.effect(CredentialStore, make(options)))
)
