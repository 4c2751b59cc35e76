// The database driver's own error code and message, wherever they sit in a chain of causes
// (SqlError → SqliteError, SqlError → DatabaseError, MigrationError → SqlError → …).

/** The first `code` found down the chain of causes, and the deepest non-empty message before it. */
export const codeOf = (cause: unknown): { readonly code: string | undefined; readonly message: string } => {
  let current: unknown = cause
  let message = String(cause)
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const record = current as { readonly code?: unknown; readonly message?: unknown; readonly cause?: unknown }
    if (typeof record.message === "string" && record.message !== "") message = record.message
    if (typeof record.code === "string") return { code: record.code, message }
    current = record.cause
  }
  return { code: undefined, message }
}
