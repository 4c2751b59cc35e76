// core's CredentialStore contract against the file store on a temp dir. The contract also seeds
// vault profiles, which this package does not store yet (the vault is the next slice): they are
// routed to core's memory store, so every file-backed assertion runs against the real file.
import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { CredentialStoreContract, missingProfile } from "@cchdrm/core/testing/contracts"
import type { SeedEntry } from "@cchdrm/core/testing/contracts"
import { MemoryCredentialStore } from "@cchdrm/core/testing"
import { defaultProfile } from "@cchdrm/core/domain/Profile"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import type { Credentials } from "@cchdrm/core/services/CredentialStore"
import { Effect, Layer } from "effect"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as FileCredentialStore from "../src/FileCredentialStore.js"
import * as TempDir from "./support/TempDir.js"

const asFile = (credentials: Credentials) =>
  ClaudeCodeFile.render({ root: { mcpOAuth: { kept: true } }, oauth: {}, credentials }, credentials)

const routed = (entries: ReadonlyArray<SeedEntry>) =>
  Layer.scoped(
    CredentialStore,
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const login = entries.find((entry) => entry.profile === defaultProfile)
      if (login !== undefined) yield* TempDir.put(ClaudeCodeFile.pathIn(dir), asFile(login.credentials))
      const file = yield* FileCredentialStore.make({ configDir: dir })
      const vault = yield* MemoryCredentialStore.make(entries.filter((entry) => entry.profile !== defaultProfile))
      const pick = (profile: ProfileName) => profile === defaultProfile ? file : vault.service
      return CredentialStore.of({
        read: (profile) => pick(profile).read(profile),
        sourceOf: (profile) => pick(profile).sourceOf(profile),
        writeBack: (profile, previous, next) => pick(profile).writeBack(profile, previous, next)
      })
    })
  )

CredentialStoreContract("file (Claude Code's login) + memory vault", routed)

// Every profile in a config dir of its own, so the whole contract (compare-and-swap included)
// runs on real files. `sourceOf` reports the seeded source, as the vault will.
const allFiles = (entries: ReadonlyArray<SeedEntry>) =>
  Layer.scoped(
    CredentialStore,
    Effect.gen(function*() {
      const root = yield* TempDir.make
      const stores = new Map<ProfileName, CredentialStore["Type"]>()
      for (const entry of entries) {
        const dir = join(root, entry.profile)
        yield* Effect.promise(() => mkdir(dir))
        yield* TempDir.put(ClaudeCodeFile.pathIn(dir), asFile(entry.credentials))
        stores.set(entry.profile, yield* FileCredentialStore.make({ configDir: dir, profile: entry.profile }))
      }
      const empty = yield* FileCredentialStore.make({ configDir: join(root, "none"), profile: missingProfile })
      const pick = (profile: ProfileName) => stores.get(profile) ?? empty
      const sources = new Map(entries.map((entry) => [entry.profile, entry.source]))
      return CredentialStore.of({
        read: (profile) => pick(profile).read(profile),
        sourceOf: (profile) => sources.get(profile) ?? pick(profile).sourceOf(profile),
        writeBack: (profile, previous, next) => pick(profile).writeBack(profile, previous, next)
      })
    })
  )

CredentialStoreContract("file, one config dir per profile", allFiles)
