// Stub: partial fakes of a service whose unlisted members die with the service and member name.
import { Context, Effect, Layer } from "effect"

/**
 * What dies when used: a function returning a dying Effect that is itself that Effect, so an
 * unlisted member fails loudly whether the service declares it as a method, an Effect or a Stream
 * (a Stream accepts an Effect).
 */
const dying = (message: string): unknown => {
  const effect = Effect.dieMessage(message)
  const member = function() {
    return effect
  }
  // The runtime reads an Effect's instruction from its own fields and its prototype.
  Object.setPrototypeOf(member, Object.getPrototypeOf(effect))
  for (const key of Reflect.ownKeys(effect)) {
    Object.defineProperty(member, key, { ...Reflect.getOwnPropertyDescriptor(effect, key), configurable: true })
  }
  return member
}

// The service's name for messages: the last segment of the tag's key (`@cchdrm/core/UsageApi` → `UsageApi`).
const serviceName = (key: string): string => key.slice(key.lastIndexOf("/") + 1)

/** The message an unlisted member dies with. */
export const notStubbed = (service: string, member: string): string => `${service}.${member} was not stubbed`

/**
 * A service implementation from the members a test needs; every other member dies with
 * "<Service>.<member> was not stubbed" when called or run.
 *
 * ```ts
 * const api = Stub.make(UsageApi, { fetchUsage: () => Effect.succeed(snapshot) })
 * ```
 */
export const make = <I, S extends object>(tag: Context.Tag<I, S>, implementation: Partial<S>): S => {
  const name = serviceName(tag.key)
  const members = new Map<PropertyKey, unknown>()
  return new Proxy(implementation as S, {
    get(target, property, receiver) {
      if (typeof property === "symbol" || property in target) return Reflect.get(target, property, receiver)
      // Promise detection and serialisers probe for these; they are not service members.
      if (property === "then" || property === "toJSON") return undefined
      let member = members.get(property)
      if (member === undefined) {
        member = dying(notStubbed(name, property))
        members.set(property, member)
      }
      return member
    }
  })
}

/** A layer of `make(tag, implementation)`. */
export const layer = <I, S extends object>(tag: Context.Tag<I, S>, implementation: Partial<S>): Layer.Layer<I> =>
  Layer.succeed(tag, make(tag, implementation))

/** A context holding `make(tag, implementation)`, for `Effect.provide`. */
export const context = <I, S extends object>(tag: Context.Tag<I, S>, implementation: Partial<S>): Context.Context<I> =>
  Context.make(tag, make(tag, implementation))
