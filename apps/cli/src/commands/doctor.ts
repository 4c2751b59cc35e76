// `cchdrm doctor`: where credentials were looked for, token expiry, API reachability, the database
// and the config — each problem with its fix; `--json` for programs. Exits with the worst problem's
// code (API.md B.3), 0 when all is well.
import { statSync } from "node:fs"
import { Command } from "@effect/cli"
import { CredentialStore, DoctorReport, Format, PreferencesStore, ProfileStore, UsageApi, UsageHistory } from "@cchdrm/core"
import { ClaudeCodeFile, FileCredentialStore } from "@cchdrm/credentials"
import { Migrations } from "@cchdrm/storage"
import { Clock, Console, Effect } from "effect"
import { ExitWith } from "../Errors.js"
import { jsonOption } from "../GlobalOptions.js"
import { Paths, provideLive } from "../Runtime.js"

const { ok, problem } = DoctorReport

const program = (json: boolean) => Effect.gen(function*() {
  const paths = yield* Paths
  const checks: Array<DoctorReport.Check> = []
  const now = yield* Clock.currentTimeMillis
  checks.push(ok("Data directory", `${paths.dataDir} (from ${paths.dataDirSource})`))
  checks.push(ok("Config file", `${paths.configFile} (from ${paths.configDirSource})`))

  yield* (yield* PreferencesStore.PreferencesStore).get.pipe(
    Effect.tap(() => Effect.sync(() => checks.push(ok("Config", "valid")))),
    Effect.catchTags({
      PreferencesInvalid: (error) => Effect.sync(() => checks.push(problem("Config", error))),
      ConfigFileError: (error) => Effect.sync(() => checks.push(problem("Config", error)))
    })
  )

  let size = "not created yet"
  try {
    size = Format.fileSize(statSync(paths.databaseFile).size)
  } catch {
    // Opened lazily by the first poll; a missing file is not a problem.
  }
  const history = yield* UsageHistory.UsageHistory
  const profilesWithHistory = yield* history.profiles
  checks.push(ok("Database", `${paths.databaseFile}, ${size}, schema version ${Migrations.latest}, history of ${profilesWithHistory.length} profile(s)`))

  const claudeDir = yield* FileCredentialStore.configDir
  const store = yield* CredentialStore.CredentialStore
  const api = yield* UsageApi.UsageApi
  for (const entry of yield* (yield* ProfileStore.ProfileStore).list) {
    const label = `Profile '${entry.name}'`
    const where = entry.source === "claude-code" ? ClaudeCodeFile.pathIn(claudeDir) : "the cc-hdrm vault"
    const credentials = yield* store.read(entry.name).pipe(
      Effect.map((found) => found as CredentialStore.Credentials | null),
      Effect.catchTags({
        CredentialsNotFound: (error) => Effect.as(Effect.sync(() => checks.push(problem(`${label} credentials`, error))), null),
        CredentialsInvalid: (error) => Effect.as(Effect.sync(() => checks.push(problem(`${label} credentials`, error))), null)
      })
    )
    if (credentials === null) continue
    const expiry = credentials.expiresAt === null
      ? "expiry unknown"
      : credentials.expiresAt > now
      ? `token expires in ${Format.countdown(credentials.expiresAt, now)}`
      : "token expired — the next poll refreshes it"
    checks.push(ok(`${label} credentials`, `found in ${where}, ${expiry}`))
    const reached = yield* api.fetchUsage(credentials.accessToken, { profile: entry.name, tier: credentials.rateLimitTier }).pipe(
      Effect.as(ok(`${label} API`, "reachable, usage answered")),
      Effect.catchTags({
        Unauthorized: (error) => Effect.succeed(problem(`${label} API`, error)),
        MissingScope: (error) => Effect.succeed(problem(`${label} API`, error)),
        RateLimited: (error) => Effect.succeed(problem(`${label} API`, error)),
        ApiUnreachable: (error) => Effect.succeed(problem(`${label} API`, error)),
        UsageBodyInvalid: (error) => Effect.succeed(problem(`${label} API`, error))
      })
    )
    checks.push(reached)
  }

  yield* Console.log(json ? JSON.stringify(DoctorReport.document(checks), null, 2) : DoctorReport.lines(checks))
  const code = DoctorReport.exitCode(checks)
  if (code !== 0) return yield* new ExitWith({ code })
})

/** The `doctor` command. */
export const doctor = Command.make(
  "doctor",
  { json: jsonOption("print every check as JSON: {exitCode, checks: [{label, ok, detail, exitCode}]}") },
  ({ json }) => provideLive(program(json))
).pipe(
  Command.withDescription("check credentials, API, database and config; each problem with its fix")
)
