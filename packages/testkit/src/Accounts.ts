// The fake's accounts: who owns which token, token rotation, and per-account scripts.
import { randomUUID } from "node:crypto"
import * as Responses from "./Responses.js"
import type { ScriptedResponse } from "./Responses.js"
import { SimulatedAccount } from "./SimulatedAccount.js"
import * as Tier from "./Tier.js"
import * as Tokens from "./Tokens.js"
import * as UsageBodies from "./UsageBodies.js"
import type { ClaudeCredentials, ProfileBody, UsageBody } from "./WireFormat.js"

/**
 * What the usage route answers when nothing is scripted: a fixed body, a simulated account (its
 * body at the server's current time), or a function of the server's time.
 */
export type UsageSource = UsageBody | SimulatedAccount | ((now: number) => ScriptedResponse)

/** An account to add; every field has a default. */
export interface AccountOptions {
  readonly accessToken?: string
  readonly refreshToken?: string
  /** Seconds until the first access token expires (default 28,800 = 8 h); see also `expiresAt`. */
  readonly expiresIn?: number
  /** Absolute expiry of the first access token, ms on the server's clock; wins over `expiresIn`. */
  readonly expiresAt?: number
  /** `rateLimitTier` (default `default_claude_max_20x`); null = unknown. */
  readonly tier?: string | null
  readonly subscriptionType?: string | null
  readonly organizationType?: string
  readonly email?: string
  readonly displayName?: string
  readonly accountUuid?: string
  readonly organizationUuid?: string
  readonly billingType?: string
  readonly hasExtraUsageEnabled?: boolean
  /** Granted scopes (default `user:inference user:profile`); without `user:profile` the API answers 403. */
  readonly scopes?: ReadonlyArray<string>
  /** How `scope` is written in token responses (default a space-separated string). */
  readonly scopeFormat?: "string" | "array"
  /** Default answer of the usage route (default the A.1 example body). */
  readonly usage?: UsageSource
}

/** A live view of one account of the fake, with its scenario controls. */
export interface AccountHandle {
  readonly id: string
  readonly email: string
  readonly tier: string | null
  /** The newest access token. */
  readonly accessToken: string
  /** The newest refresh token (it may have been revoked). */
  readonly refreshToken: string
  /** Expiry of the newest access token, ms on the server's clock. */
  readonly expiresAt: number
  readonly scopes: ReadonlyArray<string>
  /** Authenticated usage requests this account has received. */
  readonly usageRequests: number
  /** Scripted usage answers not consumed yet. */
  readonly pendingUsageScripts: number
  /** The account as Claude Code stores it (A.4), ready for a `.credentials.json`. */
  credentials(): ClaudeCredentials
  /** Queue answers for the usage route, consumed in order before the default. */
  scriptUsage(...responses: ReadonlyArray<ScriptedResponse>): void
  /** Queue answers for the profile route, consumed in order before the default. */
  scriptProfile(...responses: ReadonlyArray<ScriptedResponse>): void
  /** Replace the default usage answer. */
  setUsage(source: UsageSource): void
  /** Replace the granted scopes. */
  setScopes(scopes: ReadonlyArray<string>): void
  /** Every access token of the account expires now (401 until refreshed). */
  expireAccessToken(): void
  /** Every access token of the account becomes unknown (401 "Invalid bearer token"). */
  revokeAccessTokens(): void
  /** The refresh token stops working (400 invalid_grant), as after a logout elsewhere. */
  revokeRefreshToken(): void
  /** The A.3 profile body. */
  profile(): ProfileBody
}

interface AccountState {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly organizationUuid: string
  readonly tier: Tier.Tier
  readonly organizationType: string
  readonly subscriptionType: string | null
  readonly billingType: string
  readonly hasExtraUsageEnabled: boolean
  readonly scopeFormat: "string" | "array"
  scopes: ReadonlyArray<string>
  accessToken: string
  expiresAt: number
  refreshToken: string
  usage: UsageSource
  readonly usageScript: Array<ScriptedResponse>
  readonly profileScript: Array<ScriptedResponse>
  usageRequests: number
  lastServedUsageAt: number | null
}

/** The account behind a bearer token, or why there is none. */
export type Authentication =
  | { readonly _tag: "Valid"; readonly account: AccountState }
  | { readonly _tag: "Expired" }
  | { readonly _tag: "Unknown" }

/** The outcome of a refresh. */
export type Refresh =
  | {
    readonly _tag: "Refreshed"
    readonly accessToken: string
    readonly refreshToken: string | undefined
    readonly expiresIn: number
    readonly scope: string | ReadonlyArray<string>
  }
  | { readonly _tag: "Reused" }
  | { readonly _tag: "Unknown" }

export type { AccountState }

/** Claude Code's access tokens live about 8 hours. */
export const defaultLifetimeSeconds = 28_800

/** All accounts of one fake server. */
export class AccountRegistry {
  private readonly accessTokens = new Map<string, { account: AccountState; expiresAt: number }>()
  private readonly refreshTokens = new Map<string, AccountState>()
  private readonly retiredRefreshTokens = new Set<string>()
  private count = 0

  constructor(private readonly clock: () => number) {}

  add(options: AccountOptions = {}): AccountHandle {
    const number = ++this.count
    const now = this.clock()
    const tier = Tier.ofRateLimitTier(options.tier === undefined ? Tier.defaultRateLimitTier : options.tier)
    const accessToken = options.accessToken ?? Tokens.accessToken()
    const refreshToken = options.refreshToken ?? Tokens.refreshToken()
    if (this.accessTokens.has(accessToken) || this.refreshTokens.has(refreshToken) || this.retiredRefreshTokens.has(refreshToken)) {
      throw new Error("FakeAnthropic.addAccount: a token is already used by another account")
    }
    const expiresAt = options.expiresAt ?? now + (options.expiresIn ?? defaultLifetimeSeconds) * 1000
    const usage = options.usage ?? UsageBodies.example()
    const account: AccountState = {
      id: options.accountUuid ?? randomUUID(),
      email: options.email ?? `user${number}@example.com`,
      displayName: options.displayName ?? `Test User ${number}`,
      organizationUuid: options.organizationUuid ?? randomUUID(),
      tier,
      organizationType: options.organizationType ?? tier.organizationType,
      subscriptionType: options.subscriptionType === undefined ? tier.subscriptionType : options.subscriptionType,
      billingType: options.billingType ?? "stripe_subscription",
      hasExtraUsageEnabled: options.hasExtraUsageEnabled ??
        (usage instanceof SimulatedAccount ? usage.monthlyLimitCents !== null : true),
      scopeFormat: options.scopeFormat ?? "string",
      scopes: options.scopes ?? ["user:inference", "user:profile"],
      accessToken,
      expiresAt,
      refreshToken,
      usage,
      usageScript: [],
      profileScript: [],
      usageRequests: 0,
      lastServedUsageAt: null
    }
    this.accessTokens.set(accessToken, { account, expiresAt })
    this.refreshTokens.set(refreshToken, account)
    return this.handle(account)
  }

  authenticate(token: string): Authentication {
    const entry = this.accessTokens.get(token)
    if (entry === undefined) return { _tag: "Unknown" }
    if (this.clock() >= entry.expiresAt) return { _tag: "Expired" }
    return { _tag: "Valid", account: entry.account }
  }

  /** Issue new tokens for a refresh token; unless `rotate` is false, the old one stops working. */
  refresh(token: string, options: { readonly rotate: boolean; readonly expiresIn: number; readonly scopeFormat?: "string" | "array" | undefined }): Refresh {
    const account = this.refreshTokens.get(token)
    if (account === undefined) return this.retiredRefreshTokens.has(token) ? { _tag: "Reused" } : { _tag: "Unknown" }
    const accessToken = Tokens.accessToken()
    const expiresAt = this.clock() + options.expiresIn * 1000
    this.accessTokens.set(accessToken, { account, expiresAt })
    account.accessToken = accessToken
    account.expiresAt = expiresAt
    let refreshToken: string | undefined
    if (options.rotate) {
      refreshToken = Tokens.refreshToken()
      this.refreshTokens.delete(token)
      this.retiredRefreshTokens.add(token)
      this.refreshTokens.set(refreshToken, account)
      account.refreshToken = refreshToken
    }
    const format = options.scopeFormat ?? account.scopeFormat
    return {
      _tag: "Refreshed",
      accessToken,
      refreshToken,
      expiresIn: options.expiresIn,
      scope: format === "array" ? [...account.scopes] : account.scopes.join(" ")
    }
  }

  /** The answer of the usage route when nothing is scripted. */
  defaultUsage(account: AccountState): ScriptedResponse {
    const source = account.usage
    if (source instanceof SimulatedAccount) return Responses.json(source.usageAt(this.clock()))
    if (typeof source === "function") return source(this.clock())
    return Responses.json(source)
  }

  profileOf(account: AccountState): ProfileBody {
    return {
      account: { uuid: account.id, email_address: account.email, display_name: account.displayName },
      organization: {
        uuid: account.organizationUuid,
        organization_type: account.organizationType,
        rate_limit_tier: account.tier.rateLimitTier,
        has_extra_usage_enabled: account.hasExtraUsageEnabled,
        billing_type: account.billingType
      }
    }
  }

  private handle(account: AccountState): AccountHandle {
    const tokensOf = () => [...this.accessTokens].filter(([, entry]) => entry.account === account)
    return {
      get id() { return account.id },
      get email() { return account.email },
      get tier() { return account.tier.rateLimitTier },
      get accessToken() { return account.accessToken },
      get refreshToken() { return account.refreshToken },
      get expiresAt() { return account.expiresAt },
      get scopes() { return account.scopes },
      get usageRequests() { return account.usageRequests },
      get pendingUsageScripts() { return account.usageScript.length },
      credentials: () => ({
        claudeAiOauth: {
          accessToken: account.accessToken,
          refreshToken: account.refreshToken,
          expiresAt: account.expiresAt,
          scopes: [...account.scopes],
          subscriptionType: account.subscriptionType,
          rateLimitTier: account.tier.rateLimitTier
        }
      }),
      scriptUsage: (...responses) => void account.usageScript.push(...responses),
      scriptProfile: (...responses) => void account.profileScript.push(...responses),
      setUsage: (source) => void (account.usage = source),
      setScopes: (scopes) => void (account.scopes = [...scopes]),
      expireAccessToken: () => {
        const past = this.clock() - 1
        for (const [, entry] of tokensOf()) entry.expiresAt = past
        account.expiresAt = past
      },
      revokeAccessTokens: () => {
        for (const [token] of tokensOf()) this.accessTokens.delete(token)
      },
      revokeRefreshToken: () => {
        this.refreshTokens.delete(account.refreshToken)
      },
      profile: () => this.profileOf(account)
    }
  }
}
