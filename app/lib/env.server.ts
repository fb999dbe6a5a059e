import { z } from "zod";

const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);

const commaList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );

// An OpenID provider's issuer: https, or plain http on this machine only (the demo and test providers).
const issuer = optionalText.refine(
  (v) =>
    v === undefined || /^https:\/\/[^/]+/.test(v) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(v),
  { message: "must be an https:// URL (http:// only for localhost)" },
);

// OIDC_STAFF_ROLE_MAP: "groupA:MANAGER,groupB:ADMIN" — the provider's group (or role) names that make
// a staff member MODERATOR, MANAGER or ADMIN (docs/decisions/0023-openid-connect.md).
const roleMap = commaList.pipe(
  z.array(
    z
      .string()
      .regex(/^[^:]+:(MODERATOR|MANAGER|ADMIN)$/, {
        message: 'OIDC_STAFF_ROLE_MAP entries look like "group:MANAGER" (roles: MODERATOR, MANAGER, ADMIN)',
      })
      .transform((entry) => {
        const at = entry.lastIndexOf(":");
        return { group: entry.slice(0, at).trim(), role: entry.slice(at + 1) as "MODERATOR" | "MANAGER" | "ADMIN" };
      }),
  ),
);

/** The settings of one OpenID provider, or none when its three variables are unset. */
function provider(prefix: "OIDC_STAFF" | "OIDC_PUBLIC", values: Record<string, unknown>, ctx: z.RefinementCtx) {
  const names = [`${prefix}_ISSUER`, `${prefix}_CLIENT_ID`, `${prefix}_CLIENT_SECRET`];
  const set = names.filter((name) => values[name] !== undefined);
  if (set.length > 0 && set.length < names.length)
    for (const name of names.filter((n) => !set.includes(n)))
      ctx.addIssue({ code: "custom", path: [name], message: `is required when ${set.join(" and ")} is set` });
}

// Parsed once at start-up; a bad value stops the process with a readable message.
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // Origins allowed on non-GET requests besides the request's own host (comma-separated).
    TRUSTED_ORIGINS: commaList,
    // Set when the app sits behind a reverse proxy that sets X-Forwarded-For / -Proto.
    TRUST_PROXY: z
      .enum(["0", "1", "true", "false"])
      .default("0")
      .transform((v) => v === "1" || v === "true"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    // Failure model (docs/decisions/0022-failure-model.md), in milliseconds: how long to wait for a
    // database connection (also for a free one in the pool), for one statement, for a transaction left
    // idle; how long a request may take in all before it is answered 503; how long a SIGTERM waits for
    // the requests in flight. A request that cannot reach the database answers 503 with Retry-After.
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(25_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
    // Seconds a 503 tells the client to wait (Retry-After).
    UNAVAILABLE_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3600).default(5),
    // Realtime fan-out between app processes (docs/decisions/0005-realtime.md): the socket.io Redis
    // adapter when set, otherwise the PostgreSQL adapter on DATABASE_URL. Empty means unset.
    REDIS_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
        message: "REDIS_URL must be a redis:// or rediss:// URL",
      }),
    // The realtime emitter's coalescing window in ms (docs/decisions/0005-realtime.md): an idea gets at
    // most one broadcast per window and process. 250 by default; tests widen it to hold events pending.
    REALTIME_COALESCE_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    // E-mail notifications (docs/decisions/0013-email-notifications.md). Without SMTP_URL no e-mail is
    // queued or sent; notifications stay in the app. APP_URL is the public address used in e-mail links.
    SMTP_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
        message: "SMTP_URL must be an smtp:// or smtps:// URL",
      }),
    MAIL_FROM: z.string().default("Idées <ne-pas-repondre@idees.localhost>"),
    APP_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), { message: "APP_URL must be an http(s):// URL" }),
    // Moderation (docs/decisions/0008-moderation.md): content flagged by this many distinct people is
    // hidden pending a moderator's review.
    FLAG_HIDE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(3),
    // Overrides of the rate limits (app/models/rate-limit.server.ts), comma-separated
    // "<rule>=<limit>/<window seconds>", e.g. "votePerAccount=300/60,commentPerIp=1000/600".
    RATE_LIMITS: commaList.pipe(
      z.array(
        z
          .string()
          .regex(/^[A-Za-z]+=\d{1,9}\/\d{1,7}$/, { message: 'RATE_LIMITS entries look like "votePerAccount=120/60"' })
          .transform((entry) => {
            const [name, rest] = entry.split("=") as [string, string];
            const [limit, seconds] = rest.split("/").map(Number) as [number, number];
            return { name, limit, windowMs: seconds * 1000 };
          }),
      ),
    ),
    // Sign-in through OpenID Connect (docs/decisions/0023-openid-connect.md). A provider is offered when
    // its issuer, client id and secret are all set; the redirect URI to register is
    // APP_URL/connexion/oidc/staff/callback (or /public/callback).
    OIDC_STAFF_ISSUER: issuer,
    OIDC_STAFF_CLIENT_ID: optionalText,
    OIDC_STAFF_CLIENT_SECRET: optionalText,
    OIDC_STAFF_SCOPES: z.string().default("openid email profile"),
    // The claim listing the person's groups or roles at the agency, mapped by OIDC_STAFF_ROLE_MAP.
    OIDC_STAFF_ROLES_CLAIM: z.string().default("groups"),
    OIDC_STAFF_ROLE_MAP: roleMap,
    // The claim naming the person's agency or department, stored on the account when set.
    OIDC_STAFF_AGENCY_CLAIM: optionalText,
    OIDC_PUBLIC_ISSUER: issuer,
    OIDC_PUBLIC_CLIENT_ID: optionalText,
    OIDC_PUBLIC_CLIENT_SECRET: optionalText,
    OIDC_PUBLIC_SCOPES: z.string().default("openid email given_name family_name"),
    // FranceConnect asks for a level of assurance, e.g. "eidas1"; the ID token's acr must be one of them.
    OIDC_PUBLIC_ACR_VALUES: optionalText,
    // Addresses of these domains (comma-separated, e.g. "agence.gouv.fr") must sign in with the staff
    // provider: no password sign-in or sign-up, no public provider.
    STAFF_EMAIL_DOMAINS: commaList.transform((domains) => domains.map((d) => d.toLowerCase().replace(/^@/, ""))),
    // The job queue (docs/decisions/0027-job-queue-and-webhooks.md): jobs run at once per process.
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    // Webhooks (docs/decisions/0027): "1" lets endpoints resolve to private, loopback and link-local
    // addresses (tests, intranet deployments); the per-request timeout; the retry schedule's scale
    // (1 = about a day; tests shrink it); consecutive failed attempts before an endpoint is disabled.
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(["0", "1", ""])
      .default("0")
      .transform((v) => v === "1"),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_RETRY_SCALE: z.coerce.number().min(0.00001).max(100).default(1),
    WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(20),
    // Finished webhook deliveries (delivered or given up) and their attempt log are kept this many days,
    // then purged by the crontab (docs/decisions/0036).
    WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // Attachments (docs/decisions/0030-attachments-and-editor.md): the folder of the local storage
    // (git-ignored), or an S3-compatible bucket when all four S3_* variables are set; the size of one
    // file and the number of files per idea.
    UPLOADS_DIR: z.string().default("uploads"),
    S3_ENDPOINT: optionalText,
    S3_BUCKET: optionalText,
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    S3_REGION: z.string().default("us-east-1"),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  })
  .superRefine((values, ctx) => {
    provider("OIDC_STAFF", values, ctx);
    provider("OIDC_PUBLIC", values, ctx);
    const s3 = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
    const set = s3.filter((name) => values[name] !== undefined);
    if (set.length > 0 && set.length < s3.length)
      for (const name of s3.filter((n) => values[n] === undefined))
        ctx.addIssue({ code: "custom", path: [name], message: `is required when ${set.join(" and ")} is set` });
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";
