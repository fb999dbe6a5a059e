// Hostile input against every form the app shows. The forms are not listed by hand: each persona
// crawls the app (links and forms, one page per route pattern) and every form found is submitted with
// each of its fields replaced in turn by something hostile (oversized, control characters, invalid
// UTF-8, repeated, missing, deeply nested markdown, absurd numbers and dates…), then as a whole in the
// wrong encoding or a broken multipart body, and with field names, counts and repeats no form of ours
// sends (refused before parsing: a 400, or a 413 for too many fields). Every answer must be a success
// or a 4xx with a message — never a 5xx — and a refused request must leave the database exactly as it
// was (nothing stored half-way).
import { Parser } from "htmlparser2";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { FORM_LIMITS } from "~/lib/form-bounds.ts";
import { newId } from "~/lib/id.ts";
import { makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";

// The anti-abuse limits would soon answer every attempt with a 429 before its input is even read; they
// are proved in tests/rate-limits.test.ts. Here they are raised so each form's own checks are reached.
vi.hoisted(() => {
  const rules = [
    "signInPerAccount",
    "signInPerIp",
    "signUpPerIp",
    "reauthPerAccount",
    "proposePerAccount",
    "proposePerIp",
    "commentPerAccount",
    "commentPerIp",
    "votePerAccount",
    "votePerIp",
    "flagPerAccount",
    "flagPerIp",
  ];
  process.env.RATE_LIMITS = rules.map((rule) => `${rule}=1000000/60`).join(",");
});

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

type Persona = { name: string; userId: string | null };
type FormSpec = { persona: Persona; page: string; action: string; method: "get" | "post"; fields: [string, string][] };

/** Forms and same-origin links of a page, read from its server-rendered HTML. */
function readPage(html: string, pageUrl: URL) {
  const forms: Omit<FormSpec, "persona" | "page">[] = [];
  const links: string[] = [];
  let form: (typeof forms)[number] | null = null;
  let select: { name: string; value: string | null } | null = null;
  let textarea: { name: string; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(tag, a) {
        if (tag === "a" && a.href) links.push(a.href);
        if (tag === "form") {
          const action = new URL(a.action ?? pageUrl.pathname + pageUrl.search, pageUrl);
          form = {
            action: action.pathname + action.search,
            method: a.method?.toLowerCase() === "post" ? "post" : "get",
            fields: [],
          };
        }
        if (!form || !a.name) {
          if (tag === "option" && select && (select.value === null || "selected" in a)) select.value = a.value ?? "";
          return;
        }
        if (tag === "input") {
          const type = (a.type ?? "text").toLowerCase();
          if ((type === "checkbox" || type === "radio") && !("checked" in a)) return;
          if (type === "submit" || type === "image" || type === "file") return;
          form.fields.push([a.name, a.value ?? ""]);
        }
        // The editor's "Prévisualiser" button (intent=preview) sends the form to be shown again, not stored:
        // its own tests are in tests/preview.test.ts; the form is fuzzed through its real submit button.
        if (tag === "button" && a.value !== undefined && a.value !== "preview") form.fields.push([a.name, a.value]);
        if (tag === "select") select = { name: a.name, value: null };
        if (tag === "textarea") textarea = { name: a.name, text: "" };
      },
      ontext(text) {
        if (textarea) textarea.text += text;
      },
      onclosetag(tag) {
        if (tag === "select" && select && form) form.fields.push([select.name, select.value ?? ""]);
        if (tag === "select") select = null;
        if (tag === "textarea" && textarea && form) form.fields.push([textarea.name, textarea.text]);
        if (tag === "textarea") textarea = null;
        if (tag === "form" && form) {
          forms.push(form);
          form = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { forms, links };
}

/** /idees/abc123…/pilote → /idees/:id/pilote: one page per route is enough. */
const pattern = (path: string) =>
  path
    .split("?")[0]!
    .split("/")
    .map((segment) =>
      /^[a-z2-7]{24}$/.test(segment) || /^[0-9a-f]{64}$/.test(segment) || /^\d+$/.test(segment) ? ":id" : segment,
    )
    .join("/");

async function cookieFor(persona: Persona) {
  if (!persona.userId) return "";
  const { token } = await createSession(persona.userId);
  return `idees_session=${token}`;
}

async function crawl(persona: Persona, start: string[]): Promise<FormSpec[]> {
  const cookie = await cookieFor(persona);
  const seen = new Set<string>();
  const queue = [...start];
  const found: FormSpec[] = [];
  while (queue.length && seen.size < 60) {
    const path = queue.shift()!;
    const key = pattern(path);
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await fetch(new URL(path, app.url), { headers: { Cookie: cookie }, redirect: "manual" });
    expect(res.status, `${persona.name} GET ${path}`).toBeLessThan(500);
    if (res.status !== 200 || !res.headers.get("content-type")?.includes("text/html")) continue;
    const { forms, links } = readPage(await res.text(), new URL(path, app.url));
    for (const f of forms) found.push({ ...f, persona, page: path });
    for (const href of links) {
      const url = new URL(href, app.url);
      if (url.origin === new URL(app.url).origin && !url.pathname.startsWith("/deconnexion"))
        queue.push(url.pathname + url.search);
    }
  }
  return found;
}

/* --------------------------- database fingerprint --------------------------- */

// Written by design on refused requests too (attempt counters, session activity) or in the background.
const MOVING_TABLES = new Set([
  "sessions",
  "rate_limits",
  "idea_counter_deltas",
  // Stage counts (docs/decisions/0040): the fold moves rows from the deltas into the counts every second.
  "space_stage_count_deltas",
  "space_stage_counts",
  // Participation counters (docs/decisions/0038): the same fold moves their deltas into the counts.
  "participation_count_deltas",
  "participation_counts",
  // Pipeline counts (docs/decisions/0050) and challenges' idea counts (docs/decisions/0052): the same fold.
  "pipeline_count_deltas",
  "pipeline_counts",
  "challenge_idea_count_deltas",
  "challenge_idea_counts",
  "_prisma_migrations",
  "socket_io_attachments",
  // The open-data files are regenerated by the crontab and lazily by any visitor (docs/decisions/0026).
  "open_data_files",
]);
// Counters and activity; `opening_announced_at` is set by the crontab's challenge.opened announcer
// (docs/decisions/0036) whenever a challenge's opening date arrives, whatever the request.
const MOVING_COLUMNS = ["support_count", "comment_count", "hot_score", "last_seen_at", "opening_announced_at"];
let fingerprintSql = "";

async function fingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const { rows } = await pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    const tables = rows.map((r) => r.table_name).filter((t) => !MOVING_TABLES.has(t));
    const drop = `array[${MOVING_COLUMNS.map((c) => `'${c}'`).join(",")}]`;
    fingerprintSql = `select ${tables
      .map(
        (t) =>
          `(select coalesce(md5(string_agg(x, ',' order by x)), '') from (select (to_jsonb(r) - ${drop})::text x from "${t}" r) s) as "${t}"`,
      )
      .join(", ")}`;
  }
  return (await pool.query(fingerprintSql)).rows[0];
}

/* ------------------------------- hostile values ------------------------------- */

const nestedMarkdown = (
  Array.from({ length: 2_000 }, (_, i) => `${"  ".repeat(i % 150)}- x`).join("\n") +
  "\n" +
  "> ".repeat(4_000)
).slice(0, 60_000);
const VALUE_MUTATIONS: [string, string | null][] = [
  ["oversized", "a".repeat(100_000)],
  ["control characters", "x\u0000y\u0007\u001b[31m\u007f\r\n\u2028z"],
  ["lone surrogate", "\ud800abc\udfff"],
  ["deeply nested markdown", nestedMarkdown],
  ["huge number", "1e309"],
  ["negative number", "-99999999999999999999"],
  ["not a number", "NaN"],
  ["impossible date", "2026-02-30"],
  ["injection-looking", `' OR 1=1 -- <script>alert(1)</script> {"$ne":null} ../../etc/passwd`],
  ["bidi and emoji", "👩🏽‍💻\u202Eevil\u200B\uFEFF"],
  ["empty", ""],
  ["missing", null],
];

/** `refused`: the status every route that reads its form must answer (app/lib/form-bounds.ts). */
type Attempt = { label: string; body: BodyInit | null; headers: Record<string, string>; refused?: 400 | 413 };

function encode(fields: [string, string][]) {
  return new URLSearchParams(fields).toString();
}

function attemptsFor(form: FormSpec): Attempt[] {
  const urlencoded = { "Content-Type": "application/x-www-form-urlencoded" };
  const attempts: Attempt[] = [];
  const names = [...new Set(form.fields.map(([n]) => n))];
  for (const name of names) {
    for (const [label, value] of VALUE_MUTATIONS) {
      const fields = form.fields
        .filter(([n]) => n !== name || value !== null)
        .map(([n, v]) => [n, n === name ? value! : v] as [string, string]);
      attempts.push({ label: `${name}: ${label}`, body: encode(fields), headers: urlencoded });
    }
    // The same field twice with different values, and raw bytes that are not UTF-8.
    attempts.push({
      label: `${name}: repeated`,
      body: encode([...form.fields, [name, "autre valeur"]]),
      headers: urlencoded,
    });
    const others = encode(form.fields.filter(([n]) => n !== name));
    attempts.push({
      label: `${name}: invalid UTF-8`,
      body: `${others}${others ? "&" : ""}${encodeURIComponent(name)}=%C3%28%FF%FE%ED%A0%80`,
      headers: urlencoded,
    });
  }
  // Field names, counts and repeats no form of ours sends: refused before anything parses them.
  const first = names[0] ?? "x";
  const shapes: [string, [string, string][], 400 | 413][] = [
    ["huge list index", [...form.fields, [`${first}[4294967294]`, "x"]], 400],
    ["list index of 100", [...form.fields, [`${first}[100]`, "x"]], 400],
    ["dotted five deep", [...form.fields, ["a.b.c.d.e", "x"]], 400],
    ["dotted 50,000 deep", [...form.fields, [`${"a.".repeat(50_000)}b`, "x"]], 400],
    ["name too long", [...form.fields, ["n".repeat(FORM_LIMITS.nameLength + 1), "x"]], 400],
    [
      "repeated beyond the limit",
      [...form.fields, ...Array.from({ length: FORM_LIMITS.repeats + 1 }, () => [first, "x"] as [string, string])],
      400,
    ],
    [
      "too many fields",
      [...form.fields, ...Array.from({ length: FORM_LIMITS.fields + 1 }, (_, i) => [`f${i}`, "x"] as [string, string])],
      413,
    ],
    [
      "50,000 copies of a name",
      [...form.fields, ...Array.from({ length: 50_000 }, () => [first, ""] as [string, string])],
      413,
    ],
  ];
  for (const [label, fields, refused] of shapes)
    attempts.push({ label: `form shape: ${label}`, body: encode(fields), headers: urlencoded, refused });
  attempts.push(
    {
      label: "multipart without a boundary",
      body: encode(form.fields),
      headers: { "Content-Type": "multipart/form-data" },
      refused: 400,
    },
    {
      label: "truncated multipart",
      body: `--b\r\nContent-Disposition: form-data; name="${first}"\r\n\r\nx`,
      headers: { "Content-Type": "multipart/form-data; boundary=b" },
      refused: 400,
    },
  );
  const multipart = new FormData();
  for (const [n, v] of form.fields) multipart.append(n, v);
  multipart.append(names[0] ?? "x", new Blob([new Uint8Array(4096).fill(0xff)]), "fichier.bin");
  attempts.push(
    {
      label: "JSON body",
      body: JSON.stringify(Object.fromEntries(form.fields)),
      headers: { "Content-Type": "application/json" },
    },
    { label: "multipart with a binary file", body: multipart, headers: {} },
    { label: "text/plain garbage", body: "\u0000\u0001garbage=%%%&&==", headers: { "Content-Type": "text/plain" } },
    { label: "empty body", body: "", headers: urlencoded },
    { label: "no content type", body: encode(form.fields), headers: {} },
  );
  return attempts;
}

test(
  "every form answers hostile input with a success or a 4xx and a message, never a 5xx, and stores nothing half-way",
  { timeout: 900_000 },
  async () => {
    // A small world with something on every page: ideas, a comment, a pilot, notifications.
    const author = await makeUser({ displayName: "Autrice Fuzz" });
    const other = await makeUser({ displayName: "Autre Fuzz" });
    const employee = await makeUser({ role: "EMPLOYEE" });
    const manager = await makeUser({ role: "MANAGER" });
    const admin = await makeUser({ role: "ADMIN" });
    const moderator = await makeUser({ role: "MODERATOR" });
    const idea = await makeIdea({ author, space: SPACES.public, title: "Une idée à malmener par le fuzz" });
    await makeIdea({ author: employee, space: SPACES.internal, title: "Une idée interne à malmener" });
    await makeComment({ author: other, idea, body: "Un commentaire à malmener." });
    await makeComment({ author, idea, body: "Le mien, à malmener aussi." });
    const piloted = await makeIdea({ author, space: SPACES.public, title: "Une idée en expérimentation" });
    const { moveIdeaToStage } = await import("~/models/pipeline.server.ts");
    await moveIdeaToStage({ user: manager, ideaId: piloted.id, from: "PROPOSED", to: "UNDER_REVIEW", note: "Étude" });
    await moveIdeaToStage({ user: manager, ideaId: piloted.id, from: "UNDER_REVIEW", to: "SELECTED", note: "Retenue" });
    await moveIdeaToStage({ user: manager, ideaId: piloted.id, from: "SELECTED", to: "PILOT", note: "On teste" });
    // A challenge open now, so that its page and the propose form's challenge field exist.
    const space = await prisma.space.findUniqueOrThrow({ where: { slug: SPACES.public }, select: { id: true } });
    await prisma.challenge.create({
      data: {
        id: newId(),
        spaceId: space.id,
        title: "Un défi à malmener",
        cover: "Un défi.",
        brief: "Le brief.",
        opensAt: new Date(Date.now() - 86_400_000),
        closesAt: new Date(Date.now() + 86_400_000),
      },
    });
    // Something in the moderation queue, so that its forms are on the page.
    const { flagContent } = await import("~/models/moderation.server.ts");
    await flagContent({ user: other, ideaId: idea.id, input: { reason: "SPAM", note: "Publicité" } });
    const { unsubscribeToken } = await prisma.user.findUniqueOrThrow({
      where: { id: author.id },
      select: { unsubscribeToken: true },
    });

    const personas: Persona[] = [
      { name: "anonymous", userId: null },
      { name: "author", userId: author.id },
      { name: "other", userId: other.id },
      { name: "employee", userId: employee.id },
      { name: "moderator", userId: moderator.id },
      { name: "manager", userId: manager.id },
      { name: "admin", userId: admin.id },
    ];
    const start = [
      "/",
      "/inscription",
      "/connexion",
      `/idees/${idea.id}`,
      `/idees/${idea.id}/modifier`,
      `/idees/${idea.id}/evaluation`,
      `/idees/${piloted.id}/pilotage`,
      `/idees/${piloted.id}/pilote`,
      "/notifications",
      "/compte",
      "/moderation",
      `/desabonnement/${unsubscribeToken}`,
      "/mot-de-passe-oublie",
      "/admin/fournisseurs",
    ];
    // One form per (action route, intent, field names): the first persona that sees it submits it.
    const forms = new Map<string, FormSpec>();
    for (const persona of personas) {
      for (const form of await crawl(persona, start)) {
        const intent = form.fields.find(([n]) => n === "intent")?.[1] ?? "";
        const key = `${form.method} ${pattern(form.action)} ${intent} ${form.fields
          .map(([n]) => n)
          .sort()
          .join(",")}`;
        // Signing out is not an input-handling question and would end the persona's session.
        if (!forms.has(key) && !form.action.startsWith("/deconnexion")) forms.set(key, form);
      }
    }
    const postForms = [...forms.values()].filter((f) => f.method === "post");
    // The crawl must have found the app's main forms, or this test proves nothing.
    const actions = new Set(
      postForms.map((f) => `${pattern(f.action)} ${f.fields.find(([n]) => n === "intent")?.[1] ?? ""}`),
    );
    for (const expected of [
      "/inscription ",
      "/connexion ",
      "/espaces/emploi-store-idees/proposer ",
      "/idees/:id comment",
      "/idees/:id support",
      "/idees/:id edit-comment",
      "/idees/:id flag",
      "/moderation hide",
      "/moderation suspend",
      "/espaces/emploi-store-idees/defis/nouveau create",
      "/defis/:id participation",
      "/compte change-password",
      "/compte change-email",
      "/compte end-session",
      "/idees/:id/modifier ",
      "/idees/:id/pilotage move",
      "/idees/:id/pilote kpi",
      "/admin/utilisateurs role",
      "/notifications preferences",
      "/langue ",
      "/desabonnement/:id ",
      "/mot-de-passe-oublie ",
      "/admin/fournisseurs invite",
      "/admin/fournisseurs publish-terms",
    ]) {
      expect([...actions], `a form for ${expected}`).toContain(expected);
    }

    const problems: string[] = [];
    let requests = 0;
    for (const form of postForms) {
      for (const attempt of attemptsFor(form)) {
        const cookie = await cookieFor(form.persona); // a fresh session: a form may end the previous one
        const before = await fingerprint();
        const res = await fetch(new URL(form.action, app.url), {
          method: "POST",
          redirect: "manual",
          headers: { Origin: new URL(app.url).origin, Cookie: cookie, ...attempt.headers },
          body: attempt.body,
        }).catch((error: Error) => {
          throw new Error(`${form.persona.name} POST ${form.action} [${attempt.label}]: ${error.message}`, {
            cause: error,
          });
        });
        const text = await res.text();
        requests++;
        const where = `${form.persona.name} POST ${form.action} [${attempt.label}] → ${res.status}`;
        if (res.status >= 500) problems.push(`${where}: ${text.slice(0, 200)}`);
        if (attempt.refused && res.status !== attempt.refused) problems.push(`${where}: expected ${attempt.refused}`);
        if (res.status >= 400) {
          if (!text.trim()) problems.push(`${where}: a refusal without a message`);
          const after = await fingerprint();
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          if (changed.length) problems.push(`${where}: refused, yet changed ${changed.join(", ")}`);
        }
      }
    }
    // Query strings of the search and filter forms (GET): never a 5xx either.
    for (const form of [...forms.values()].filter((f) => f.method === "get")) {
      const cookie = await cookieFor(form.persona);
      for (const name of new Set(form.fields.map(([n]) => n))) {
        for (const [label, value] of VALUE_MUTATIONS) {
          if (value === null || value.length > 8_000) continue; // beyond what a URL can carry
          const params = new URLSearchParams(form.fields.map(([n, v]) => [n, n === name ? value : v]));
          const res = await fetch(new URL(`${form.action.split("?")[0]}?${params}`, app.url), {
            headers: { Cookie: cookie },
            redirect: "manual",
          });
          await res.arrayBuffer();
          requests++;
          if (res.status >= 500)
            problems.push(`${form.persona.name} GET ${form.action} [${name}: ${label}] → ${res.status}`);
        }
      }
    }
    expect(problems, `${problems.length} problems in ${requests} requests`).toEqual([]);
    expect(requests).toBeGreaterThan(500);
  },
);

test("bodies beyond the limit are refused before any route reads them", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public });
  const cookie = `idees_session=${(await createSession(author.id)).token}`;
  const origin = new URL(app.url).origin;
  const before = await prisma.comment.count();
  const huge = await fetch(new URL(`/idees/${idea.id}`, app.url), {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: `intent=comment&body=${"a".repeat(2 * 1024 * 1024)}`,
  });
  expect(huge.status).toBe(413);
  expect(await huge.text()).toMatch(/Payload Too Large/);
  const chunked = await fetch(new URL(`/idees/${idea.id}`, app.url), {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new Blob(["intent=comment&body=bonjour"]).stream(),
    duplex: "half",
  } as RequestInit);
  expect(chunked.status).toBe(411);
  expect(await prisma.comment.count()).toBe(before);
});
