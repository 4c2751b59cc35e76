// `cchdrm profiles list|add|remove|rename|use`: the accounts cc-hdrm watches (SPEC §1.7, §5).
// Each profile is an entry of `config.json` and, unless it is Claude Code's login, tokens in the vault.
import { Args, Command, Options } from "@effect/cli"
import { ProfileList, ProfileStore } from "@cchdrm/core"
import { Vault } from "@cchdrm/credentials"
import { Clock, Console, Effect, Option } from "effect"
import { UsageError } from "../Errors.js"
import { jsonOption } from "../GlobalOptions.js"
import { addProfile, parseName, removeProfile, renameProfile } from "../programs/profileEdits.js"
import { provideLive } from "../Runtime.js"

const list = Command.make("list", { json: jsonOption("print the profiles as a JSON array") }, ({ json }) =>
  provideLive(Effect.gen(function*() {
    const store = yield* ProfileStore.ProfileStore
    const entries = yield* store.list
    const active = yield* store.active
    const vault = yield* (yield* Vault).list
    const now = yield* Clock.currentTimeMillis
    const rows = entries.map((entry): ProfileList.Row => ({
      name: entry.name,
      source: entry.source,
      active: entry.name === active,
      stored: entry.source === "vault" ? vault.find((item) => item.profile === entry.name) : undefined
    }))
    yield* Console.log(json ? JSON.stringify(rows.map(ProfileList.listed), null, 2) : ProfileList.lines(rows, now).join("\n"))
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
    yield* Console.log(ProfileList.addedText(profile, entry, replaced, now))
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
