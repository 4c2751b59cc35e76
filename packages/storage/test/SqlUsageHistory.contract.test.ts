import { UsageHistoryContract } from "@cchdrm/core/testing/contracts"
import { Effect, Layer } from "effect"
import * as Storage from "../src/index.js"
import { tempFile } from "./TempDatabase.js"

// The shared contract, on a fresh SQLite file removed when the suite ends.
UsageHistoryContract(
  "sqlite",
  Layer.unwrapScoped(Effect.map(tempFile, (filename) => Storage.layerSqlite({ filename })))
)
