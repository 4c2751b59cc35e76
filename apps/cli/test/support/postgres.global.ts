// One throwaway PostgreSQL cluster per run (see testkit's PostgresGlobalSetup).
export { default } from "@cchdrm/testkit/PostgresGlobalSetup"
