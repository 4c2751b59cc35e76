// CredentialStore over Claude Code's macOS Keychain item, through the `security` tool (API.md A.4).
import { userInfo } from "node:os"
import { CredentialsInvalid, CredentialsNotFound, CredentialStore, CredentialsWriteFailed } from "@cchdrm/core/services/CredentialStore"
import type { Credentials, ReadError } from "@cchdrm/core/services/CredentialStore"
import { defaultProfile } from "@cchdrm/core/domain/Profile"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { Effect, Either, Layer } from "effect"
import type { Duration } from "effect"
import * as ClaudeCodeFile from "./ClaudeCodeFile.js"
import * as CompareAndSwap from "./CompareAndSwap.js"
import * as FileLock from "./FileLock.js"
import * as SecurityTool from "./SecurityTool.js"

/** Which item holds the login. */
export interface Options {
  /** The item's service: `KeychainService.serviceNameFor(CLAUDE_CONFIG_DIR)`. */
  readonly service: string
  /** The item's account: the short user name by default. */
  readonly account?: string
  /**
   * A path whose `.lock` serialises write-backs; Claude Code's credentials file, so a file and a
   * Keychain write-back of the same login never interleave.
   */
  readonly lockPath: string
  /** The profile this login belongs to (default `default`). */
  readonly profile?: ProfileName
  /** The executable, `security` on `PATH` by default. */
  readonly command?: string
  /** How long a write-back waits for another holder of the lock. */
  readonly lockWait?: Duration.DurationInput
}

const keychainOff = "set CCHDRM_KEYCHAIN=off to use the credentials file instead"

// `-w` prints the secret as hex when it holds bytes the tool deems unprintable.
const fromHex = (text: string): string =>
  !text.startsWith("{") && /^(?:[0-9a-fA-F]{2})+$/.test(text) ? Buffer.from(text, "hex").toString("utf8") : text

/** The store of one profile's login in the Keychain item `options.service`. */
export const make = (options: Options): Effect.Effect<CredentialStore["Type"]> => Effect.sync(() => {
  const account = options.account ?? userInfo().username
  const command = options.command ?? "security"
  const owner = options.profile ?? defaultProfile
  const location = `Keychain item '${options.service}' (account ${account})`
  const notFound = (profile: ProfileName, searched: ReadonlyArray<string>) =>
    new CredentialsNotFound({ profile, source: "claude-code", searched })
  const notOwned = (profile: ProfileName) => profile === owner ? Effect.void : Effect.fail(notFound(profile, []))

  const readDocument = (profile: ProfileName): Effect.Effect<ClaudeCodeFile.Document, ReadError> =>
    SecurityTool.run(command, ["find-generic-password", "-s", options.service, "-a", account, "-w"]).pipe(
      Effect.catchTag("SecurityUnavailable", (error): Effect.Effect<never, ReadError> =>
        error.missing
          ? Effect.fail(notFound(profile, [location]))
          : Effect.fail(new CredentialsInvalid({ profile, location, problem: `${error.reason} — unlock the login keychain, or ${keychainOff}` }))),
      Effect.flatMap((outcome): Either.Either<ClaudeCodeFile.Document, ReadError> => {
        if (outcome.code === SecurityTool.itemNotFound) return Either.left(notFound(profile, [location]))
        if (outcome.code !== 0) {
          return Either.left(new CredentialsInvalid({
            profile,
            location,
            problem: `the security tool failed (exit ${outcome.code}) — unlock the login keychain and allow access, or ${keychainOff}`
          }))
        }
        return ClaudeCodeFile.parse(fromHex(outcome.stdout.replace(/\r?\n$/, "")), location, profile)
      })
    )

  const read = Effect.fn("CredentialStore.read")(function*(profile: ProfileName) {
    yield* notOwned(profile)
    return (yield* readDocument(profile)).credentials
  })

  // The secret goes in as hex on stdin: `security -i` reads commands there, so argv holds only `-i`.
  const save = (profile: ProfileName, document: ClaudeCodeFile.Document, next: Credentials) => {
    const hex = Buffer.from(ClaudeCodeFile.render(document, next), "utf8").toString("hex")
    const line = ["add-generic-password", "-U", "-a", SecurityTool.quote(account), "-s", SecurityTool.quote(options.service), "-X", hex].join(" ")
    const failed = (problem: string) => new CredentialsWriteFailed({ profile, location, problem })
    return SecurityTool.run(command, ["-i"], `${line}\n`).pipe(
      Effect.catchTag("SecurityUnavailable", (error) => Effect.fail(failed(`${error.reason} — unlock the login keychain and try again`))),
      // `security -i` may exit 0 after a failed command: reading back is the real check.
      Effect.flatMap((outcome) =>
        readDocument(profile).pipe(
          Effect.filterOrFail(
            (stored) => CompareAndSwap.sameToken(stored.credentials, next),
            () => failed(`the Keychain did not take the new tokens (security exit ${outcome.code}) — unlock the login keychain and allow access, or ${keychainOff}`)
          )
        )
      )
    )
  }

  const writeBack = Effect.fn("CredentialStore.writeBack")(function*(
    profile: ProfileName,
    previous: Credentials,
    next: Credentials
  ) {
    yield* notOwned(profile)
    // Claude Code takes no lock: the compare right before the write keeps its newer tokens.
    return yield* CompareAndSwap.writeBack({
      read: readDocument(profile),
      previous,
      next,
      write: (document) => save(profile, document, next),
      lockPath: options.lockPath,
      lockWait: options.lockWait ?? FileLock.waitAtMost,
      lockFailed: (reason) =>
        new CredentialsWriteFailed({ profile, location, problem: `${reason} — try again; remove the lock file if no cc-hdrm is running` })
    })
  })

  return CredentialStore.of({ read, sourceOf: () => "claude-code", writeBack })
})

/** The store over one Keychain item. */
export const layer = (options: Options): Layer.Layer<CredentialStore> => Layer.effect(CredentialStore, make(options))
