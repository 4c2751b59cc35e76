// `watch` on the team database while the database restarts: it keeps polling, says on stderr
// that polls are held, and once the database is back every poll is stored. Its own PostgreSQL
// cluster, since the test stops the server; two poll intervals (the shortest is 60 s) long.
import { Postgres } from "@cchdrm/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { assertClean, cchdrm, onOneFake, startWatch } from "./support/Cchdrm.js"

const { world } = onOneFake()
let cluster: Postgres.PostgresCluster | undefined
beforeAll(async () => {
  cluster = await Postgres.startPostgres()
}, 60_000)
afterAll(() => cluster?.stop())

describe("watch on the team database", () => {
  it("loses no poll when the database restarts under it", async () => {
    const server = cluster!
    const url = await server.createDatabase("watch")
    const local = await world()
    const env = { ...local.env, CCHDRM_DATABASE_URL: url, CCHDRM_MEMBER: "watcher@box" }
    expect((await cchdrm(["config", "set", "pollIntervalSeconds", "60"], { env })).code).toBe(0)

    const watch = startWatch(env)
    await watch.lines(1, 100_000)
    await server.stopServer()
    await watch.lines(2, 100_000)
    await server.startServer()
    await watch.lines(3, 100_000)
    const run = await watch.stop()
    expect(run.code).toBe(0)
    assertClean(run)
    expect(run.stderr).toMatch(/default: Usage history \(record\): Cannot reach the team database at 127\.0\.0\.1:\d+ .*1 poll is held and written once it is back\./)
    expect(run.stderr).not.toContain(Postgres.password)

    const exported = await cchdrm(["export"], { env })
    expect(exported.code).toBe(0)
    expect(exported.stdout.trim().split("\n").filter((line) => !line.includes("\"kind\""))).toHaveLength(3)
  }, 240_000)
})
