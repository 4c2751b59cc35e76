// The JSON contracts of API.md B.2 and B.5 as schemas with EXACT key sets: a missing key fails,
// and so does any extra key (decoded with onExcessProperty: "error").
import { Schema } from "effect"

const Iso = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/))
const State = Schema.Literal("normal", "caution", "warning", "critical", "exhausted", "disconnected")
const Slope = Schema.Literal("cooling", "flat", "rising", "steep")

const windowFields = {
  utilization: Schema.NullOr(Schema.Number),
  headroom: Schema.NullOr(Schema.Number),
  state: State,
  slope: Slope,
  resetsAt: Schema.NullOr(Iso),
  resetsIn: Schema.NullOr(Schema.String),
  pace: Schema.NullOr(Schema.Struct({ delta: Schema.Number, runsOutAt: Schema.NullOr(Iso) })),
  limitIn: Schema.NullOr(Schema.String)
}

/** One profile of `status --json`. */
export const ProfileDocument = Schema.Struct({
  name: Schema.String,
  connection: Schema.Literal("connected", "rate_limited", "disconnected", "token_expired", "no_credentials"),
  fetchedAt: Schema.NullOr(Iso),
  subscription: Schema.Struct({ type: Schema.NullOr(Schema.String), tier: Schema.NullOr(Schema.String) }),
  windows: Schema.Struct({
    fiveHour: Schema.NullOr(Schema.Struct(windowFields)),
    sevenDay: Schema.NullOr(Schema.Struct({ ...windowFields, quotasLeft: Schema.NullOr(Schema.Number) }))
  }),
  caps: Schema.Array(Schema.Struct({
    label: Schema.String,
    utilization: Schema.NullOr(Schema.Number),
    headroom: Schema.NullOr(Schema.Number),
    state: State,
    resetsAt: Schema.NullOr(Iso)
  })),
  extraUsage: Schema.NullOr(Schema.Struct({
    enabled: Schema.Boolean,
    usedCents: Schema.NullOr(Schema.Number),
    limitCents: Schema.NullOr(Schema.Number),
    percent: Schema.NullOr(Schema.Number)
  })),
  binding: Schema.Literal("fiveHour", "sevenDay"),
  menuTitle: Schema.String,
  error: Schema.NullOr(Schema.Struct({ code: Schema.String, message: Schema.String }))
})

/** `cchdrm status --json` (API.md B.2). */
export const StatusDocument = Schema.Struct({
  generatedAt: Iso,
  activeProfile: Schema.String,
  profiles: Schema.Array(ProfileDocument)
})

const Split = Schema.Struct({ used: Schema.Number, constrained: Schema.Number, unused: Schema.Number })

/** `cchdrm analyze --json` (API.md B.5). */
export const AnalysisDocument = Schema.Struct({
  profile: Schema.String,
  range: Schema.Literal("24h", "7d", "30d", "all"),
  from: Iso,
  to: Iso,
  resetCount: Schema.Number,
  averagePeak: Schema.NullOr(Schema.Number),
  tier: Schema.NullOr(Schema.String),
  credits: Schema.NullOr(Split),
  percent: Schema.NullOr(Split),
  limitHits: Schema.Struct({ fiveHour: Schema.Number, sevenDay: Schema.Number }),
  hoursExhausted: Schema.Struct({ fiveHour: Schema.Number, sevenDay: Schema.Number })
})

const ExitCode = Schema.Literal(0, 1, 2, 3, 4, 5, 6, 7, 10)

/** `cchdrm doctor --json`. */
export const DoctorDocument = Schema.Struct({
  exitCode: ExitCode,
  checks: Schema.Array(Schema.Struct({ label: Schema.String, ok: Schema.Boolean, detail: Schema.String, exitCode: ExitCode }))
})

/** `cchdrm guard --json`. */
export const GuardDocument = Schema.Struct({
  profile: Schema.String,
  window: Schema.Literal("5h", "7d"),
  headroom: Schema.NullOr(Schema.Number),
  min: Schema.Number,
  pass: Schema.Boolean
})

const strict = { onExcessProperty: "error" } as const

/** Parses stdout as a B.2 document, failing on any shape difference. */
export const statusDocument = (stdout: string) => Schema.decodeUnknownSync(StatusDocument, strict)(JSON.parse(stdout))

/** Parses stdout as a B.5 document, failing on any shape difference. */
export const analysisDocument = (stdout: string) => Schema.decodeUnknownSync(AnalysisDocument, strict)(JSON.parse(stdout))

/** Parses stdout as a `doctor --json` document, failing on any shape difference. */
export const doctorDocument = (stdout: string) => Schema.decodeUnknownSync(DoctorDocument, strict)(JSON.parse(stdout))

/** Parses stdout as a `guard --json` document, failing on any shape difference. */
export const guardDocument = (stdout: string) => Schema.decodeUnknownSync(GuardDocument, strict)(JSON.parse(stdout))
