// What a model says when it refuses: typed domain errors, knowing nothing of HTTP, pages or JSON.
// Models throw them (from inside a transaction too, which then rolls back); the edge maps them, ONCE per
// surface: app/lib/http.server.ts (domainErrorOutcome, domainErrorResponse) for pages, through
// withDomainErrors (applied by server.ts to the build), and the same outcome table for a future JSON API's problem details.
// docs/decisions/0017-domain-errors-and-rules-once.md
import type { MessageKey, Params } from "~/lib/i18n.ts";

// A brand rather than `instanceof` alone, so the check holds across module instances: server.ts runs
// the app from its build (docs/decisions/0018-module-graph-and-jobs.md), but a test process holds a
// second copy of the models next to it.
const BRAND = Symbol.for("idees.DomainError");

abstract class BaseDomainError extends Error {
  readonly [BRAND] = true;
}

/** The thing does not exist, or the actor may not know it exists (a hidden idea, another's session). */
export class NotFound extends BaseDomainError {
  readonly kind = "not-found";
  constructor(readonly detail = "Not Found") {
    super(detail);
    this.name = "NotFound";
  }
}

/**
 * The actor may see the thing but not do this to it (the policy said no). `reason`: why, when the
 * person can do something about it or should be told (e.g. a challenge's participation is closed).
 */
export class Forbidden extends BaseDomainError {
  readonly kind = "forbidden";
  constructor(readonly reason?: MessageKey) {
    super("Forbidden");
    this.name = "Forbidden";
  }
}

/** The request itself makes no sense (an unknown parent comment, a malformed choice): a caller's mistake. */
export class Invalid extends BaseDomainError {
  readonly kind = "invalid";
  constructor(readonly detail = "Bad Request") {
    super(detail);
    this.name = "Invalid";
  }
}

/**
 * A business rule refused what a person asked (a stale stage, a missing "go", an unknown evaluator).
 * `key` is the message a form shows, next to `field` or at its top; `conflict` when the refusal comes
 * from someone else's change since the page was read (the state moved on).
 */
export class RuleBroken extends BaseDomainError {
  readonly kind = "rule-broken";
  constructor(
    readonly key: MessageKey,
    readonly options: { field?: string; conflict?: boolean; params?: Params } = {},
  ) {
    super(key);
    this.name = "RuleBroken";
  }

  get field(): string | undefined {
    return this.options.field;
  }

  get conflict(): boolean {
    return this.options.conflict ?? false;
  }
}

/** An anti-abuse limit is reached (docs/decisions/0009): `rule` names it; try again after `retryAfterSeconds`. */
export class Limited extends BaseDomainError {
  readonly kind = "limited";
  constructor(
    readonly retryAfterSeconds: number,
    readonly rule: string,
  ) {
    super(`Limited by ${rule} for ${retryAfterSeconds} s`);
    this.name = "Limited";
  }

  /** The message (an i18n key with parameters) telling how long to wait. */
  get wait(): { key: MessageKey; params: Params } {
    return this.retryAfterSeconds < 120
      ? { key: "rateLimit.tooManySeconds", params: { seconds: this.retryAfterSeconds } }
      : { key: "rateLimit.tooManyMinutes", params: { minutes: Math.ceil(this.retryAfterSeconds / 60) } };
  }
}

/** The idea was merged into `targetId` (docs/decisions/0014): it lives on there. */
export class MergedInto extends BaseDomainError {
  readonly kind = "merged-into";
  constructor(
    readonly targetId: string,
    readonly sourceTitle: string,
  ) {
    super(`Merged into ${targetId}`);
    this.name = "MergedInto";
  }
}

/**
 * What was asked cannot be done now because something the app depends on (the database) does not
 * answer: nothing was done, and the same request may be sent again after `retryAfterSeconds`
 * (docs/decisions/0022-failure-model.md). The edge also maps a raw connection failure to it.
 */
export class Unavailable extends BaseDomainError {
  readonly kind = "unavailable";
  constructor(
    readonly retryAfterSeconds: number,
    readonly detail = "Service Unavailable",
  ) {
    super(detail);
    this.name = "Unavailable";
  }
}

export type DomainError = NotFound | Forbidden | Invalid | RuleBroken | Limited | MergedInto | Unavailable;

export function isDomainError(error: unknown): error is DomainError {
  return typeof error === "object" && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
}

// Guards in the shape models use: `if (!canEditIdea(user, idea)) forbidden();`
export function notFound(detail?: string): never {
  throw new NotFound(detail);
}

export function forbidden(reason?: MessageKey): never {
  throw new Forbidden(reason);
}

export function invalid(detail?: string): never {
  throw new Invalid(detail);
}
