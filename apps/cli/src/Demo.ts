// `--demo`: a simulated account instead of a Claude login, so every command can be tried at once.
import { Credits, Profile, Slope, UsageBody } from "@cchdrm/core"
import type { StatusReport, Usage } from "@cchdrm/core"
import { SimulatedAccount } from "@cchdrm/testkit"
import { Either, Option } from "effect"

const tier = "default_claude_max_5x"
const pollMillis = 3 * 60_000

/** The demo profile at `now`: the simulated account's latest poll, with slopes from its last 15 minutes. */
export const demoProfile = (now: number): StatusReport.ProfileInput => {
  const account = new SimulatedAccount({ seed: 7, tier })
  const pollAt = (at: number): Usage.UsageSnapshot =>
    Either.getOrThrow(UsageBody.decode(JSON.stringify(account.usageAt(at)), { profile: Profile.defaultProfile, fetchedAt: at, tier }))
  const polls = Array.from({ length: 6 }, (_, i) => pollAt(now - (5 - i) * pollMillis))
  const limits = Credits.limitsFor(tier)
  const slopeOf = (pick: (poll: Usage.UsageSnapshot) => Usage.UsageWindow | null, factor: number) =>
    Slope.levelOfBuffer(
      Slope.fromHistory(polls.flatMap((poll) => {
        const window = pick(poll)
        return window === null || window.utilization === null
          ? []
          : [{ at: poll.fetchedAt, utilization: window.utilization, resetsAt: window.resetsAt }]
      })),
      factor
    )
  return {
    name: Profile.defaultProfile,
    connection: "connected",
    snapshot: pollAt(now),
    subscriptionType: "max",
    slope5h: slopeOf((poll) => poll.fiveHour, 1),
    slope7d: slopeOf((poll) => poll.sevenDay, Option.match(limits, { onNone: () => 1, onSome: Slope.sevenDayFactor })),
    error: null,
    limits
  }
}
