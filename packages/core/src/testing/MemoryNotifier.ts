// MemoryNotifier: a notifier that only remembers what it was asked to deliver.
import { Context, Effect, Layer, Ref } from "effect"
import { type Notification, Notifier } from "../services/Notifier.js"

/** Inspects a `MemoryNotifier`. */
export class MemoryNotifierControl extends Context.Tag("@cchdrm/core/testing/MemoryNotifierControl")<
  MemoryNotifierControl,
  {
    /** Every notification delivered so far, oldest first. */
    readonly sent: Effect.Effect<ReadonlyArray<Notification>>
    /** Forgets the notifications delivered so far. */
    readonly reset: Effect.Effect<void>
  }
>() {}

/** Builds the notifier and its control. */
export const make = Effect.gen(function*() {
  const sent = yield* Ref.make<ReadonlyArray<Notification>>([])
  const notify = Effect.fn("Notifier.notify")(function*(notification: Notification) {
    yield* Ref.update(sent, (all) => [...all, notification])
  })
  const control = MemoryNotifierControl.of({ sent: Ref.get(sent), reset: Ref.set(sent, []) })
  return { service: Notifier.of({ notify }), control }
})

/** The notifier and its control. */
export const layer: Layer.Layer<Notifier | MemoryNotifierControl> = Layer.effectContext(
  Effect.map(make, ({ control, service }) => Context.make(Notifier, service).pipe(Context.add(MemoryNotifierControl, control)))
)
