// A team database URL as people may see it: never with its password.

/** `url` with its password replaced by `****`: the only form of the URL ever printed. */
export const maskUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== "") parsed.password = "****"
    return parsed.toString()
  } catch {
    return "(a URL that cannot be parsed)"
  }
}

/** `host:port` of `url`, for messages. */
export const hostOf = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}${parsed.port === "" ? "" : `:${parsed.port}`}`
  } catch {
    return "(unparsable CCHDRM_DATABASE_URL)"
  }
}
