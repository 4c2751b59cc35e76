// `cchdrm profiles list|add|remove|rename|use`: the accounts cc-hdrm watches (SPEC §1.7, §5).
// Each profile is an entry of `config.json` and, unless it is Claude Code's login, tokens in the vault.
import { Args, Command, Options } from "@effect/cli"
import { ProfileEdits, ProfileList } from "@cchdrm/core"
import { Clock, Console, Effect, Layer } from "effect"
import { jsonOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

// Profiles live in config.json and the vault; no command here opens usage.db or the network.
const profileLayers = Layer.merge(Layers.config, Layers.vault)

const list = Command.make("list", { json: jsonOption("print the profiles as a JSON array") }, ({ json }) =>
  Layers.provideLive(Effect.gen(function*() {
    const rows = yield* ProfileEdits.listProfiles()
    const now = yield* Clock.currentTimeMillis
    yield* Console.log(json ? JSON.stringify(rows.map(ProfileList.listed), null, 2) : ProfileList.lines(rows, now).join("\n"))
  }), profileLayers)).pipe(Command.withDescription("every profile: its source, the active one (*), tier and token expiry"))

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
  Layers.provideLive(Effect.gen(function*() {
    const profile = yield* ProfileEdits.parseName(input.name)
    const source = yield* ProfileEdits.tokenSource(input.fromClaudeCode, input.tokenFile)
    const { entry, replaced } = yield* ProfileEdits.addProfile(profile, source)
    yield* Console.log(ProfileList.addedText(profile, entry, replaced, yield* Clock.currentTimeMillis))
    if (input.fromClaudeCode) yield* Console.log(ProfileList.sharedLoginText(profile))
  }), profileLayers)).pipe(Command.withDescription("add a profile: --from-claude-code snapshots the current login, --token-file imports one"))

const remove = Command.make("remove", { name }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    const profile = yield* ProfileEdits.parseName(input.name)
    const { wasActive } = yield* ProfileEdits.removeProfile(profile)
    yield* Console.log(`Removed profile '${profile}' and its stored tokens${wasActive ? "; 'default' is active now" : ""}`)
  }), profileLayers)).pipe(Command.withDescription("remove a profile and its stored tokens"))

const rename = Command.make("rename", { from: Args.text({ name: "FROM" }), to: Args.text({ name: "TO" }) }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    const from = yield* ProfileEdits.parseName(input.from)
    const to = yield* ProfileEdits.parseName(input.to)
    yield* ProfileEdits.renameProfile(from, to)
    yield* Console.log(`Renamed profile '${from}' to '${to}'`)
  }), profileLayers)).pipe(Command.withDescription("rename a profile (it stays active if it was)"))

const use = Command.make("use", { name }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    const profile = yield* ProfileEdits.parseName(input.name)
    yield* ProfileEdits.useProfile(profile)
    yield* Console.log(`Active profile: '${profile}'`)
  }), Layers.config)).pipe(Command.withDescription("make a profile the active one (the headline of status line and tray)"))

/** The `profiles` command. */
export const profiles = Command.make("profiles").pipe(
  Command.withDescription("list, add, remove, rename and switch the accounts cc-hdrm watches"),
  Command.withSubcommands([list, add, remove, rename, use])
)
