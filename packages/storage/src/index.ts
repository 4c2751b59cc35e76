// Durable usage history, config files and platform paths for cc-hdrm.
export * as DataPaths from "./DataPaths.js"
