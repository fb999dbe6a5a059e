// Shared helpers for the zod form schemas. Error messages are i18n keys (with optional parameters)
// so one schema serves client and server and the UI translates: see FieldError.
import { z } from "zod";
import type { MessageKey, Params } from "./i18n.ts";

export function msg(key: MessageKey, params?: Params): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function parseMessage(raw: string): { key: MessageKey; params?: Params } {
  const bar = raw.indexOf("|");
  if (bar === -1) return { key: raw as MessageKey };
  try {
    return { key: raw.slice(0, bar) as MessageKey, params: JSON.parse(raw.slice(bar + 1)) as Params };
  } catch {
    return { key: raw.slice(0, bar) as MessageKey };
  }
}

// C0 controls other than tab/newline/carriage return, DEL, and the C1 range.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const NEWLINE = /[\r\n\u2028\u2029]/;

/**
 * Characters that draw nothing: white space, Unicode's default-ignorable code points (zero-width
 * space and joiners, word joiner, BOM, soft hyphen, bidi marks, variation selectors, tag characters,
 * Hangul fillers U+115F, U+1160, U+3164, U+FFA0…), other format characters, and the Braille blank
 * U+2800.
 */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/gu;
/** Explicit text-direction controls (embeddings, overrides, isolates, marks): they make a title or a name
 * read differently from what it holds ("gpj.exe" shown as "exe.jpg"). The bidi algorithm needs none of
 * them to show Arabic or Hebrew correctly. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** How many characters of `s` can be seen (code points, invisible ones left out). */
export const visibleLength = (s: string) => Array.from(s.replace(INVISIBLE, "")).length;

/**
 * Required text field: trimmed, bounded, no control characters. A single-line field is a title or a
 * name: it must also show something (not only invisible characters, and at least `min` visible ones)
 * and carry no text-direction controls.
 */
export function text(options: { min?: number; max: number; singleLine?: boolean }) {
  const { min = 1, max, singleLine = false } = options;
  return z
    .string({ error: msg("form.required") })
    .transform((s) => (singleLine ? s.replace(/\s+/g, " ") : s.replace(/\r\n?/g, "\n")).trim())
    .pipe(
      // conform turns the emptied (whitespace-only) value into undefined before this check: that too
      // is "required", not zod's English "expected string".
      z
        .string({ error: msg("form.required") })
        .min(1, { error: msg("form.required"), abort: true })
        .min(min, { error: msg("form.tooShort", { min }) })
        .max(max, { error: msg("form.tooLong", { max }) })
        .refine((s) => !CONTROL.test(s) && !(singleLine && NEWLINE.test(s)), { error: msg("form.controlChars") })
        .superRefine((s, ctx) => {
          if (!singleLine) return;
          if (BIDI_CONTROL.test(s)) ctx.addIssue({ code: "custom", message: msg("form.bidiControls") });
          const visible = visibleLength(s);
          if (visible === 0) ctx.addIssue({ code: "custom", message: msg("form.invisibleOnly") });
          // (zod's own .min above already said it when the text is short even with its invisible characters)
          else if (visible < min && s.length >= min)
            ctx.addIssue({ code: "custom", message: msg("form.tooShort", { min }) });
        }),
    );
}

/**
 * The id of a record (ideas, comments, people, KPIs… and the named spaces): letters, digits, "-" and
 * "_". Checked before any query, so a hostile value (a NUL byte PostgreSQL would refuse, say) is a 400.
 */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const recordId = () => z.string().regex(RECORD_ID, { error: msg("form.invalidId") });
/** The same rule for an id taken from a URL path: anything else names nothing (a 404, not a query). */
export const isRecordId = (value: string) => RECORD_ID.test(value);

/**
 * Free text from a query string (a search box, a filter): control characters dropped, whitespace
 * collapsed, bounded. A filter is never an error page: what cannot be used is left out.
 */
export function queryText(value: string | null, max = 100): string {
  return (value ?? "").replace(new RegExp(CONTROL.source, "g"), "").replace(/\s+/g, " ").trim().slice(0, max);
}

export const email = () =>
  z
    .string({ error: msg("form.required") })
    .trim()
    .toLowerCase()
    .max(254, { error: msg("form.tooLong", { max: 254 }) })
    .pipe(z.email({ error: msg("form.invalidEmail") }));

const PLACEHOLDER_ORIGIN = "http://idees.invalid";

/**
 * THE one check of a place to send someone back to (after signing in, after choosing a language):
 * a path on this site — a single "/" first, never "//" or "/\\" (another host) — returned in the form a
 * Location header accepts, non-ASCII characters percent-encoded by the WHATWG URL parser ("/idées?q=œ"
 * becomes "/id%C3%A9es?q=%C5%93"). Anything else gives `fallback`. Never throws.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 500 || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  // Control characters (tabs and line breaks too: the URL parser would drop them and could make "//").
  if (/[\u0000-\u001F\u007F-\u009F]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The honeypot: a field on public forms that people never see (visually hidden, aria-hidden, out of
 * the tab order, no autofill) and that form-filling bots do fill. A filled one is refused (400).
 */
export const HONEYPOT_FIELD = "website";

/**
 * The key a form carries so that sending it twice stores one row (docs/decisions/0020-form-bounds-and-idempotency.md):
 * the page renders a fresh random one (newId) in a hidden field. Optional: without it, nothing is deduplicated.
 */
export const IDEMPOTENCY_FIELD = "idempotencyKey";
export const idempotencyKey = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: msg("form.invalidId") })
    .optional();
