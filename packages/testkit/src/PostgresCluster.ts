// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary directory,
// postgres on a free loopback port, removed when stopped. Debian's binaries; as the `postgres`
// user when running as root, because initdb and postgres refuse to run as root.
import { execFile } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir, userInfo } from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)

// Debian's `postgresql` package puts the server programs in /usr/lib/postgresql/<major>/bin, not on PATH.
const debianBinDir = (): string => {
  const root = "/usr/lib/postgresql"
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : []
  const found = majors.find((major) => existsSync(path.join(root, major, "bin", "initdb")))
  return path.join(root, found ?? "15", "bin")
}

/** Where the server programs are: `CCHDRM_PG_BIN`, else the newest Debian `postgresql` installed. */
export const binDir = process.env["CCHDRM_PG_BIN"] ?? debianBinDir()

/** The superuser's password: the cluster asks for it over TCP, so wrong passwords are refused. */
export const password = "cluster-secret"

/** A running cluster. */
export interface PostgresCluster {
  readonly host: string
  readonly port: number
  /** `postgres://postgres:PASSWORD@127.0.0.1:PORT/NAME` of database `name`. */
  readonly urlOf: (name: string) => string
  /** Creates the empty database `name` and returns its URL. */
  readonly createDatabase: (name: string) => Promise<string>
  /** Stops the server (immediate mode) and leaves the data directory in place for `start` again. */
  readonly stopServer: () => Promise<void>
  /** Starts the server again after `stopServer`, on the same port. */
  readonly startServer: () => Promise<void>
  /** Stops the server and removes the data directory. */
  readonly stop: () => Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const isRoot = (): boolean => userInfo().uid === 0

// As `postgres` when root (the package creates that user), else as ourselves.
const asServerUser = (command: string, args: ReadonlyArray<string>) =>
  isRoot()
    ? run("runuser", ["-u", "postgres", "--", path.join(binDir, command), ...args])
    : run(path.join(binDir, command), [...args])

/** Starts a new cluster; `stop` it when done. */
export const startPostgres = async (): Promise<PostgresCluster> => {
  if (!existsSync(path.join(binDir, "initdb"))) {
    throw new Error(`PostgreSQL's server programs are not in ${binDir}: install them (apt-get install postgresql) or set CCHDRM_PG_BIN.`)
  }
  const root = await mkdtemp(path.join(tmpdir(), "cchdrm-pg-"))
  const data = path.join(root, "data")
  const pwfile = path.join(root, "pwfile")
  await writeFile(pwfile, `${password}\n`)
  if (isRoot()) {
    const { stdout } = await run("id", ["-u", "postgres"])
    const { stdout: group } = await run("id", ["-g", "postgres"])
    await chown(root, Number(stdout.trim()), Number(group.trim()))
    await chown(pwfile, Number(stdout.trim()), Number(group.trim()))
  }
  await chmod(root, 0o700)
  await asServerUser("initdb", [
    "-D", data, "-U", "postgres", "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
    "--no-sync", "--locale=C.UTF-8", "--encoding=UTF8"
  ])
  const host = "127.0.0.1"
  const port = await freePort()
  const startServer = async () => {
    await asServerUser("pg_ctl", [
      "-D", data, "-l", path.join(root, "server.log"), "-w", "-t", "30",
      "-o", `-p ${port} -k ${root} -c listen_addresses=${host} -c fsync=off -c max_connections=200`, "start"
    ])
  }
  const stopServer = async () => {
    await asServerUser("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
  }
  await startServer()
  return {
    host,
    port,
    urlOf: (name) => urlOf({ host, port }, name),
    createDatabase: (name) => createDatabase({ host, port }, name),
    stopServer,
    startServer,
    stop: async () => {
      await stopServer().catch(() => undefined)
      await rm(root, { recursive: true, force: true })
    }
  }
}

/** Where a cluster listens: all a test worker needs to reach the one its global setup started. */
export interface ClusterAddress {
  readonly host: string
  readonly port: number
}

/** `postgres://postgres:PASSWORD@HOST:PORT/NAME` of database `name` on the cluster at `address`. */
export const urlOf = (address: ClusterAddress, name: string): string =>
  `postgres://postgres:${password}@${address.host}:${address.port}/${name}`

/** Creates the empty database `name` on the cluster at `address` and returns its URL. */
export const createDatabase = async (address: ClusterAddress, name: string): Promise<string> => {
  await run(path.join(binDir, "createdb"), ["-h", address.host, "-p", String(address.port), "-U", "postgres", name], {
    env: { ...process.env, PGPASSWORD: password }
  })
  return urlOf(address, name)
}

let counter = 0

/** A database name unique in this process: `prefix_<pid>_<n>`. */
export const uniqueName = (prefix: string): string => `${prefix}_${process.pid}_${++counter}`
