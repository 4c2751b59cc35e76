// The Notifier contract: every alert kind is accepted and delivery never fails the caller.
import { assert, layer } from "@effect/vitest"
import { Effect, Exit } from "effect"
import type { Layer } from "effect"
import { ProfileName } from "../../domain/Profile.js"
import { Alert } from "../../domain/Thresholds.js"
import { type Notification, Notifier } from "../../services/Notifier.js"

const profile = ProfileName.make("contract-notifier")

/** One alert of every kind. */
const alerts: ReadonlyArray<Alert> = [
  Alert.Warning({ profile, key: "fiveHour", label: "5h", headroom: 18, resetsAt: Date.UTC(2026, 7, 12, 3, 40) }),
  Alert.Critical({ profile, key: "cap:Sonnet", label: "Sonnet", headroom: 4, resetsAt: null }),
  Alert.ExtraUsageStarted({ profile, usedCents: 12, limitCents: 5000 }),
  Alert.ExtraUsageLevel({ profile, percent: 75, usedCents: 3750, limitCents: 5000 }),
  Alert.ApiUnreachable({ profile }),
  Alert.ApiBack({ profile })
]

const notificationOf = (alert: Alert): Notification => ({
  title: `cc-hdrm: ${alert._tag}`,
  body: `contract notification for ${alert._tag}`,
  alert
})

/** Runs the Notifier contract against `implementation`. */
export const NotifierContract = (name: string, implementation: Layer.Layer<Notifier, unknown>) =>
  layer(implementation)(`Notifier contract: ${name}`, (it) => {
    it.effect("notify accepts every alert kind and succeeds", () =>
      Effect.gen(function*() {
        const notifier = yield* Notifier
        for (const alert of alerts) {
          const exit = yield* Effect.exit(notifier.notify(notificationOf(alert)))
          assert.isTrue(Exit.isSuccess(exit), `${alert._tag} was accepted`)
        }
      }))

    it.effect("notify accepts empty and long texts", () =>
      Effect.gen(function*() {
        const notifier = yield* Notifier
        const alert = alerts[0]!
        const texts = [{ title: "", body: "" }, { title: "t".repeat(500), body: "b\n".repeat(2_000) }]
        for (const text of texts) {
          const exit = yield* Effect.exit(notifier.notify({ ...text, alert }))
          assert.isTrue(Exit.isSuccess(exit))
        }
      }))

    it.effect("concurrent notifications all succeed", () =>
      Effect.gen(function*() {
        const notifier = yield* Notifier
        const exit = yield* Effect.exit(
          Effect.forEach(alerts, (alert) => notifier.notify(notificationOf(alert)), { concurrency: "unbounded", discard: true })
        )
        assert.isTrue(Exit.isSuccess(exit))
      }))
  })
