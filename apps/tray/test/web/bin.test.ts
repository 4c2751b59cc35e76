// `cchdrm-tray`'s command line as a real process: without Electron it says so in one line and
// points to `--web`; bad flags exit 2 with one line naming the problem.
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { trayBin } from "../support/TrayWeb.js"

const run = (args: ReadonlyArray<string>) => {
  const result = spawnSync(process.execPath, [trayBin, ...args], { encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" }, timeout: 20_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe("cchdrm-tray", () => {
  it("without Electron says so in one line and suggests --web", () => {
    const result = run([])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe("cchdrm-tray: Electron is not installed — run 'cchdrm-tray --web' to open the dashboard in your browser\n")
  })

  it("refuses a bad port and an unknown flag with one line each, exit 2", () => {
    const port = run(["--web", "--port", "99999"])
    expect(port.code).toBe(2)
    expect(port.stderr).toBe("cchdrm-tray: --port must be a port number 0–65535, got '99999'\n")
    const flag = run(["--wbe"])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toBe("cchdrm-tray: unknown option '--wbe' — usage: cchdrm-tray [--web [--port N] [--no-open] [--demo]]\n")
  })

  it("prints its usage with --help", () => {
    expect(run(["--help"])).toEqual({ code: 0, stdout: "usage: cchdrm-tray [--web [--port N] [--no-open] [--demo]]\n", stderr: "" })
  })
})
