// notificationOf: phrases a Thresholds alert as the notification users read (SPEC §3).
import * as Display from "../domain/Display.js"
import type { Alert, Key } from "../domain/Thresholds.js"
import type { Notification } from "../services/Notifier.js"

/** What phrasing needs besides the alert. */
export interface PhraseOptions {
  /** Whether more than one profile is watched: only then do texts name the profile (SPEC §3). */
  readonly multipleProfiles: boolean
  /** The time countdowns are measured from. */
  readonly now: number
}

const windowOf = (key: Key): Display.WindowRef =>
  key === "fiveHour" || key === "sevenDay" ? key : { cap: key.slice("cap:".length) }

/** The notification of an alert, its text from `Display`. */
export const notificationOf = (alert: Alert, options: PhraseOptions): Notification => {
  const profile = options.multipleProfiles ? alert.profile : undefined
  switch (alert._tag) {
    case "Warning":
    case "Critical":
      return {
        title: alert._tag === "Warning" ? "Claude headroom low" : "Claude headroom critical",
        body: Display.alertText({
          window: windowOf(alert.key),
          headroom: alert.headroom,
          resetsAt: alert.resetsAt,
          profile,
          now: options.now
        }),
        alert
      }
    case "ExtraUsageStarted":
      return { title: "Claude extra usage", body: Display.extraUsageStartedText(profile), alert }
    case "ExtraUsageLevel":
      return { title: "Claude extra usage", body: Display.extraUsageLevelText(alert.percent, profile), alert }
    case "ApiUnreachable":
      return { title: "Claude API", body: Display.apiUnreachableText(profile), alert }
    case "ApiBack":
      return { title: "Claude API", body: Display.apiBackText(profile), alert }
    case "Predicted":
      return {
        title: "Claude headroom forecast",
        body: Display.predictedText({ window: alert.key, runsOutAt: alert.runsOutAt, resetsAt: alert.resetsAt, profile, now: options.now }),
        alert
      }
  }
}
