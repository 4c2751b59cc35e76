// OAuth token strings in Claude Code's formats (API.md A.2): `sk-ant-oat01-…` and `sk-ant-ort01-…`.
import { randomBytes } from "node:crypto"

const randomPart = (): string => randomBytes(48).toString("base64url")

/** A fresh access token, `sk-ant-oat01-<random>`. */
export const accessToken = (): string => `sk-ant-oat01-${randomPart()}`

/** A fresh refresh token, `sk-ant-ort01-<random>`. */
export const refreshToken = (): string => `sk-ant-ort01-${randomPart()}`
