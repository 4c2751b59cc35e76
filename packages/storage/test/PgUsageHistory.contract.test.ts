import { UsageHistoryContract } from "@cchdrm/core/testing/contracts"
import { Effect, Layer, Option } from "effect"
import * as Storage from "../src/index.js"
import { tempDatabase } from "./TempPostgres.js"

// The shared contract, on a fresh database of the run's PostgreSQL cluster, as one member.
UsageHistoryContract(
  "postgres",
  Layer.unwrapEffect(Effect.map(tempDatabase("contract"), (url) =>
    Storage.HistoryDatabase.layer({ databaseFile: "unused.db", shared: Option.some({ url, member: "contract@test" }) })))
)
