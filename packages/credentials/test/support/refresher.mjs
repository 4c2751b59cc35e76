// One poll's credential step as a separate process, for the refresh race (SPEC §1.3): read the
// Claude Code file, refresh when expired, write back compare-and-swap under the lock, then prove
// the resulting access token works. Runs the BUILT package (`npx tsup` first), like the app does.
//
// Env: CLAUDE_CONFIG_DIR, CCHDRM_TOKEN_URL, CCHDRM_API_URL. Prints `ready` once loaded, waits for a
// line on stdin (so two copies start together), then prints one JSON line:
// { outcome, status, fingerprint, elapsedMs } — never a token. Exit 0 only when the usage
// endpoint accepted the final access token.
import { createHash } from "node:crypto"
import { createInterface } from "node:readline"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Duration, Effect, Redacted, Schedule } from "effect"
import { FileCredentialStore, HttpTokenRefresher } from "../../dist/index.js"

const profile = "default"
const configDir = process.env["CLAUDE_CONFIG_DIR"] ?? ""
const tokenUrl = process.env["CCHDRM_TOKEN_URL"] ?? ""
const apiUrl = process.env["CCHDRM_API_URL"] ?? ""
// pollProfile refreshes this long before expiry.
const refreshMarginMillis = 5 * 60_000

const accessOf = (credentials) => Redacted.value(credentials.accessToken)
const fingerprint = (token) => createHash("sha256").update(token).digest("hex").slice(0, 12)

class StillStale extends Error {}

// pollProfile, after invalid_grant, keeps the refused tokens and retries once the stored ones
// change. Here that is done at once: re-read the store until another writer (the process whose
// refresh rotated our refresh token) has saved newer tokens, then use those.
const adoptNewer = (store, refused) =>
  store.read(profile).pipe(
    Effect.filterOrFail((stored) => accessOf(stored) !== accessOf(refused), () => new StillStale()),
    Effect.retry({
      while: (error) => error instanceof StillStale,
      schedule: Schedule.spaced("20 millis").pipe(Schedule.upTo(Duration.seconds(10)))
    })
  )

const program = Effect.gen(function*() {
  const store = yield* FileCredentialStore.make({ configDir })
  const refresher = yield* HttpTokenRefresher.make({ tokenUrl })
  const read = yield* store.read(profile)
  if (read.expiresAt !== null && read.expiresAt - Date.now() > refreshMarginMillis) {
    return { outcome: "fresh", credentials: read }
  }
  return yield* refresher.refresh(profile, "claude-code", read).pipe(
    Effect.flatMap((next) =>
      Effect.map(store.writeBack(profile, read, next), (kept) => ({
        outcome: accessOf(kept) === accessOf(next) ? "written" : "stored-newer",
        credentials: kept
      }))
    ),
    Effect.catchTag("TokenExpired", () =>
      Effect.map(adoptNewer(store, read), (stored) => ({ outcome: "adopted", credentials: stored })))
  )
}).pipe(Effect.provide(NodeHttpClient.layer))

const usageStatus = async (accessToken) => {
  const response = await fetch(`${apiUrl}/api/oauth/usage`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      "anthropic-beta": "oauth-2025-04-20",
      "user-agent": "claude-code/2.0.0"
    }
  })
  await response.text()
  return response.status
}

const main = async () => {
  process.stdout.write("ready\n")
  const lines = createInterface({ input: process.stdin })
  await new Promise((resolve) => lines.once("line", resolve))
  lines.close()
  const started = performance.now()
  const result = await Effect.runPromise(Effect.either(program))
  if (result._tag === "Left") {
    // The package's errors are one line with secrets redacted.
    process.stderr.write(`${result.left._tag}: ${result.left.message}\n`)
    process.exitCode = 1
    return
  }
  const { outcome, credentials } = result.right
  const status = await usageStatus(accessOf(credentials))
  const elapsedMs = Math.round(performance.now() - started)
  process.stdout.write(`${JSON.stringify({ outcome, status, fingerprint: fingerprint(accessOf(credentials)), elapsedMs })}\n`)
  process.exitCode = status === 200 ? 0 : 1
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
