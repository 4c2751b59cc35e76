import { NotifierContract } from "../../src/testing/contracts/index.js"
import * as MemoryNotifier from "../../src/testing/MemoryNotifier.js"

NotifierContract("MemoryNotifier", MemoryNotifier.layer)
