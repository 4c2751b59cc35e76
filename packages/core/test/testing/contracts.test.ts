import { CredentialStoreContract, PreferencesStoreContract, ProfileStoreContract, UsageHistoryContract } from "../../src/testing/contracts/index.js"
import * as MemoryCredentialStore from "../../src/testing/MemoryCredentialStore.js"
import * as MemoryPreferencesStore from "../../src/testing/MemoryPreferencesStore.js"
import * as MemoryProfileStore from "../../src/testing/MemoryProfileStore.js"
import * as MemoryUsageHistory from "../../src/testing/MemoryUsageHistory.js"

UsageHistoryContract("memory", MemoryUsageHistory.layer())
CredentialStoreContract("memory", (entries) => MemoryCredentialStore.layer(entries))
PreferencesStoreContract("memory", MemoryPreferencesStore.layer())
ProfileStoreContract("memory", MemoryProfileStore.layer())
