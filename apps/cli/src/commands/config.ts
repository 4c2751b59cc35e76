// `cchdrm config get|set|list`: the preferences of `config.json` (SPEC §6, API.md B.6), validated by core.
import { Args, Command } from "@effect/cli"
import { PreferenceEdits, Preferences, PreferencesStore } from "@cchdrm/core"
import { Console, Effect } from "effect"
import { jsonOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

const key = Args.text({ name: "KEY" })

const get = Command.make("get", { key, json: jsonOption("print the value as JSON (null when unset)") }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    const { value } = yield* PreferenceEdits.getPreference(input.key)
    yield* Console.log(input.json ? JSON.stringify(value ?? null) : Preferences.valueText(value))
  }), Layers.config)).pipe(Command.withDescription("print one preference"))

const set = Command.make("set", { key, value: Args.text({ name: "VALUE" }) }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    const { key, value } = yield* PreferenceEdits.setPreference(input.key, input.value)
    yield* Console.log(`${key} = ${Preferences.valueText(value)}`)
  }), Layers.config)).pipe(Command.withDescription("validate and save one preference ('unset' returns it to its default)"))

const list = Command.make("list", { json: jsonOption("print every preference as one JSON object (null when unset)") }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    const preferences = yield* (yield* PreferencesStore.PreferencesStore).get
    yield* Console.log(input.json ? JSON.stringify(Preferences.document(preferences), null, 2) : Preferences.listLines(preferences).join("\n"))
  }), Layers.config)).pipe(Command.withDescription("every preference with its value, default and allowed range"))

/** The `config` command. */
export const config = Command.make("config").pipe(
  Command.withDescription("read and change preferences (config.json), validated"),
  Command.withSubcommands([get, set, list])
)
