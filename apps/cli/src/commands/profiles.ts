// `cchdrm profiles list|add|remove|rename|use`: the accounts cc-hdrm watches (SPEC §1.7, §5).
// Each profile is an entry of `config.json` and, unless it is Claude Code's login, tokens in the vault.
import { Args, Command, Options } from "@effect/cli"
import { Format, ProfileStore } from "@cchdrm/core"
import { Vault } from "@cchdrm/credentials"
import type { VaultEntry } from "@cchdrm/credentials"
import { Clock, Console, Effect, Option } from "effect"
import { UsageError } from "../Errors.js"
import { jsonOption } from "../GlobalOptions.js"
import { addProfile, parseName, removeProfile, renameProfile } from "../programs/profileEdits.js"
import { provideLive } from "../Runtime.js"

const iso = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString())

/** One profile of `profiles list --json`; never a token. */
interface ListedProfile {
  readonly name: string
  readonly source: "claude-code" | "vault"
  readonly active: boolean
  /** Whether the vault holds tokens for it (always false for Claude Code's login). */
  readonly stored: boolean
  readonly addedFrom: "claude-code" | "file" | null
  readonly addedAt: string | null
  readonly expiresAt: string | null
  readonly subscriptionType: string | null
  readonly tier: string | null
}

const listed = (entry: ProfileStore.ProfileEntry, active: boolean, stored: VaultEntry | undefined): ListedProfile => ({
  name: entry.name,
  source: entry.source,
  active,
  stored: stored !== undefined,
  addedFrom: stored?.addedFrom ?? null,
  addedAt: iso(stored?.addedAt ?? null),
  expiresAt: iso(stored?.expiresAt ?? null),
  subscriptionType: stored?.subscriptionType ?? null,
  tier: stored?.rateLimitTier ?? null
})

const expiry = (expiresAt: number | null, now: number) =>
  expiresAt === null ? "expiry unknown" : expiresAt > now ? `token expires in ${Format.countdown(expiresAt, now)}` : "token expired"

const describe = (profile: ListedProfile, stored: VaultEntry | undefined, now: number): string => {
  if (profile.source === "claude-code") return "Claude Code's login"
  if (stored === undefined) return `no stored tokens — add them with 'cchdrm profiles add ${profile.name} --token-file FILE'`
  const plan = [stored.subscriptionType, stored.rateLimitTier].filter((part) => part !== null).join(" · ")
  const from = stored.addedFrom === "file" ? "from a file" : stored.addedFrom === "claude-code" ? "from Claude Code" : null
  return [plan === "" ? "tier unknown" : plan, expiry(stored.expiresAt, now), from === null ? null : `added ${from}`]
    .filter((part) => part !== null).join(", ")
}

const list = Command.make("list", { json: jsonOption("print the profiles as a JSON array") }, ({ json }) =>
  provideLive(Effect.gen(function*() {
    const store = yield* ProfileStore.ProfileStore
    const entries = yield* store.list
    const active = yield* store.active
    const vault = yield* (yield* Vault).list
    const now = yield* Clock.currentTimeMillis
    const rows = entries.map((entry) => {
      const stored = entry.source === "vault" ? vault.find((item) => item.profile === entry.name) : undefined
      return { profile: listed(entry, entry.name === active, stored), stored }
    })
    if (json) return yield* Console.log(JSON.stringify(rows.map((row) => row.profile), null, 2))
    const width = Math.max(...rows.map((row) => row.profile.name.length))
    yield* Console.log(rows.map(({ profile, stored }) =>
      `${profile.active ? "*" : " "} ${profile.name.padEnd(width)}  ${profile.source.padEnd(11)}  ${describe(profile, stored, now)}`
    ).join("\n"))
  }))).pipe(Command.withDescription("every profile: its source, the active one (*), tier and token expiry"))

const fromClaudeCode = Options.boolean("from-claude-code").pipe(
  Options.withDescription("copy Claude Code's current login into the vault")
)
const tokenFile = Options.text("token-file").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("import a credentials file ({\"claudeAiOauth\": {…}}, as Claude Code writes it)"),
  Options.optional
)
const name = Args.text({ name: "NAME" })

const add = Command.make("add", { name, fromClaudeCode, tokenFile }, (input) =>
  provideLive(Effect.gen(function*() {
    const profile = yield* parseName(input.name)
    if (input.fromClaudeCode === Option.isSome(input.tokenFile)) {
      return yield* new UsageError({ message: "profiles add needs exactly one of --from-claude-code or --token-file FILE" })
    }
    const { entry, replaced } = yield* addProfile(
      profile,
      Option.match(input.tokenFile, { onNone: () => ({ _tag: "ClaudeCode" }) as const, onSome: (path) => ({ _tag: "File", path }) as const })
    )
    const now = yield* Clock.currentTimeMillis
    const plan = entry.rateLimitTier ?? entry.subscriptionType ?? "tier unknown"
    yield* Console.log(`${replaced ? "Replaced the tokens of" : "Added"} profile '${profile}' (${plan}, ${expiry(entry.expiresAt, now)})`)
  }))).pipe(Command.withDescription("add a profile: --from-claude-code snapshots the current login, --token-file imports one"))

const remove = Command.make("remove", { name }, (input) =>
  provideLive(Effect.gen(function*() {
    const profile = yield* parseName(input.name)
    const { wasActive } = yield* removeProfile(profile)
    yield* Console.log(`Removed profile '${profile}' and its stored tokens${wasActive ? "; 'default' is active now" : ""}`)
  }))).pipe(Command.withDescription("remove a profile and its stored tokens"))

const rename = Command.make("rename", { from: Args.text({ name: "FROM" }), to: Args.text({ name: "TO" }) }, (input) =>
  provideLive(Effect.gen(function*() {
    const from = yield* parseName(input.from)
    const to = yield* parseName(input.to)
    yield* renameProfile(from, to)
    yield* Console.log(`Renamed profile '${from}' to '${to}'`)
  }))).pipe(Command.withDescription("rename a profile (it stays active if it was)"))

const use = Command.make("use", { name }, (input) =>
  provideLive(Effect.gen(function*() {
    const profile = yield* parseName(input.name)
    yield* (yield* ProfileStore.ProfileStore).setActive(profile)
    yield* Console.log(`Active profile: '${profile}'`)
  }))).pipe(Command.withDescription("make a profile the active one (the headline of status line and tray)"))

/** The `profiles` command. */
export const profiles = Command.make("profiles").pipe(
  Command.withDescription("list, add, remove, rename and switch the accounts cc-hdrm watches"),
  Command.withSubcommands([list, add, remove, rename, use])
)
