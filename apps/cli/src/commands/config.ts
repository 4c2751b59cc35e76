// `cchdrm config get|set|list`: the preferences of `config.json` (SPEC §6, API.md B.6), validated by core.
import { Args, Command } from "@effect/cli"
import { Preferences, PreferencesStore } from "@cchdrm/core"
import { Console, Effect, Either } from "effect"
import { UsageError } from "../Errors.js"
import { jsonOption } from "../GlobalOptions.js"
import { provideLive } from "../Runtime.js"

const key = Args.text({ name: "KEY" })

// An unknown key is a usage error (exit 2) with the list of keys; core's `setValue` words it.
const knownKey = (name: string) =>
  Preferences.isKey(name)
    ? Effect.succeed(name)
    : Either.match(Preferences.setValue(Preferences.defaults, name, ""), {
      onLeft: (error) => Effect.fail(new UsageError({ message: error.message })),
      onRight: () => Effect.fail(new UsageError({ message: `unknown key '${name}'` }))
    })

const get = Command.make("get", { key, json: jsonOption("print the value as JSON (null when unset)") }, (input) =>
  provideLive(Effect.gen(function*() {
    const name = yield* knownKey(input.key)
    const value = Preferences.valueOf(yield* (yield* PreferencesStore.PreferencesStore).get, name)
    yield* Console.log(input.json ? JSON.stringify(value ?? null) : Preferences.valueText(value))
  }))).pipe(Command.withDescription("print one preference"))

const set = Command.make("set", { key, value: Args.text({ name: "VALUE" }) }, (input) =>
  provideLive(Effect.gen(function*() {
    const store = yield* PreferencesStore.PreferencesStore
    // A value outside its range is a bad command-line value (exit 2); a bad file stays ConfigFileError (exit 7).
    const next = yield* store.set(input.key, input.value).pipe(
      Effect.catchTag("PreferencesInvalid", (error) => Effect.fail(new UsageError({ message: error.message })))
    )
    const name = yield* knownKey(input.key)
    yield* Console.log(`${name} = ${Preferences.valueText(Preferences.valueOf(next, name))}`)
  }))).pipe(Command.withDescription("validate and save one preference ('unset' returns it to its default)"))

const list = Command.make("list", { json: jsonOption("print every preference as one JSON object (null when unset)") }, (input) =>
  provideLive(Effect.gen(function*() {
    const preferences = yield* (yield* PreferencesStore.PreferencesStore).get
    yield* Console.log(input.json ? JSON.stringify(Preferences.document(preferences), null, 2) : Preferences.listLines(preferences).join("\n"))
  }))).pipe(Command.withDescription("every preference with its value, default and allowed range"))

/** The `config` command. */
export const config = Command.make("config").pipe(
  Command.withDescription("read and change preferences (config.json), validated"),
  Command.withSubcommands([get, set, list])
)
