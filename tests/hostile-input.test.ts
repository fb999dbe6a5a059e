// Requests a stranger can send in a few bytes that used to freeze the process or end in a 500: form
// field names that make the form parser build huge sparse arrays, square-time repeats or deep nesting;
// broken multipart bodies; NUL bytes in query strings; forged list cursors. The app runs in its own
// process, so a frozen server cannot freeze the test's own clock: every hostile request must be answered
// with a 4xx while an ordinary page request sent meanwhile is answered too.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { FORM_LIMITS } from "~/lib/form-bounds.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startAppProcess, stopAppProcess, type AppProcess } from "./support/app-process.ts";

let app: AppProcess;
beforeAll(async () => {
  app = await startAppProcess();
});
afterAll(async () => {
  if (app) await stopAppProcess(app);
});

/**
 * Sends a urlencoded POST and resolves once the whole body is on the wire (`sent`) and once answered
 * (`answer`), so the test can ask for an ordinary page while the server holds the hostile body.
 */
function post(path: string, body: string, cookie = "") {
  const url = new URL(path, app.url);
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: "POST",
        headers: {
          Origin: url.origin,
          Cookie: cookie,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body, markSent);
  });
  return { sent, answer };
}

test(
  "hostile field names, counts and repeats are refused before parsing, and the server keeps answering meanwhile",
  { timeout: 120_000 },
  async () => {
    const author = await makeUser();
    const idea = await makeIdea({ author, space: SPACES.public, title: "Une idée qui doit rester lisible" });
    const cookie = `idees_session=${(await createSession(author.id)).token}`;
    const signUp = "email=x%40example.org&displayName=Quelqu%27un&password=mot-de-passe-solide";
    const propose = `/espaces/${SPACES.public}/proposer`;
    const hostile: { label: string; path: string; body: string; cookie?: string; status: number }[] = [
      { label: "huge index (sign-up)", path: "/inscription", body: `${signUp}&website[4294967294]=x`, status: 400 },
      {
        label: "huge indexes (propose)",
        path: propose,
        body: "title[99999999]=x&body=Un+texte+assez+long&tags[4294967294]=x",
        cookie,
        status: 400,
      },
      {
        label: "50,000 copies of one name",
        path: "/inscription",
        body: `${signUp}&${"displayName=x&".repeat(50_000)}`,
        status: 413,
      },
      {
        label: "a name repeated beyond the limit",
        path: `/idees/${idea.id}`,
        body: `intent=comment&${"body=x&".repeat(FORM_LIMITS.repeats + 1)}`,
        cookie,
        status: 400,
      },
      {
        label: "a 50,000-level dotted name",
        path: "/inscription",
        body: `${signUp}&${"a.".repeat(50_000)}b=x`,
        status: 400,
      },
      { label: "four levels too deep", path: "/inscription", body: `${signUp}&a.b.c.d.e=x`, status: 400 },
      { label: "an index of 100", path: "/inscription", body: `${signUp}&email[100]=x`, status: 400 },
      {
        label: "too many distinct fields",
        path: "/inscription",
        body: Array.from({ length: FORM_LIMITS.fields + 1 }, (_, i) => `f${i}=x`).join("&"),
        status: 413,
      },
      { label: "a name too long", path: "/inscription", body: `${signUp}&${"n".repeat(101)}=x`, status: 400 },
      { label: "a name with brackets inside", path: "/inscription", body: `${signUp}&a[b]=x`, status: 400 },
    ];
    const usersBefore = await prisma.user.count();
    const ideasBefore = await prisma.idea.count();
    const pages: Promise<{ status: number; text: string }>[] = [];
    const answers: Promise<{ status: number; text: string }>[] = [];
    for (const h of hostile) {
      const { sent, answer } = post(h.path, h.body, h.cookie);
      answers.push(answer);
      await sent;
      // An ordinary visitor, while the hostile body is in the server's hands.
      pages.push(
        fetch(new URL(`/idees/${idea.id}`, app.url)).then(async (res) => ({
          status: res.status,
          text: await res.text(),
        })),
      );
    }
    for (const page of await Promise.all(pages)) {
      expect(page.status).toBe(200);
      expect(page.text).toContain("Une idée qui doit rester lisible");
    }
    const results = await Promise.all(answers);
    results.forEach((result, i) => {
      expect(result.status, hostile[i]!.label).toBe(hostile[i]!.status);
      expect(result.text, hostile[i]!.label).toMatch(/form/i);
    });
    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.idea.count()).toBe(ideasBefore);
    expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(0);

    // The bounds leave ordinary forms alone: the same routes accept a well-formed submission.
    const ok = post(
      propose,
      "title=Une+id%C3%A9e+bien+form%C3%A9e&body=Un+texte+assez+long+pour+passer.&tags=accueil%2C+num%C3%A9rique",
      cookie,
    );
    expect((await ok.answer).status).toBe(302);
    const comment = post(`/idees/${idea.id}`, "intent=comment&formId=comment-new&body=Bonjour", cookie);
    expect((await comment.answer).status).toBe(302);
  },
);

test("a broken multipart body, or one without a boundary, is a 400", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author, space: SPACES.public });
  const cookie = `idees_session=${(await createSession(author.id)).token}`;
  const origin = new URL(app.url).origin;
  const cases: [string, string][] = [
    ["multipart/form-data", '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncomment\r\n--x--'],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncomm'],
    ["multipart/form-data; boundary=x", "garbage without any boundary at all"],
  ];
  for (const [contentType, body] of cases) {
    for (const path of ["/inscription", `/idees/${idea.id}`]) {
      const res = await fetch(new URL(path, app.url), {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, Cookie: cookie, "Content-Type": contentType },
        body,
      });
      expect(res.status, `${path} ${contentType} ${JSON.stringify(body.slice(0, 30))}`).toBe(400);
      expect(await res.text()).toMatch(/form/i);
    }
  }
});

test("a NUL byte in the similar-ideas text is harmless", async () => {
  const author = await makeUser();
  await makeIdea({ author, space: SPACES.public, title: "Accueil des demandeurs en agence" });
  const params = new URLSearchParams({ espace: SPACES.public, titre: "Accueil des demandeurs", texte: "a\u0000b" });
  const res = await fetch(new URL(`/api/idees-similaires?${params}`, app.url));
  expect(res.status).toBe(200);
  const { ideas } = (await res.json()) as { ideas: { title: string }[] };
  expect(ideas.map((i) => i.title)).toContain("Accueil des demandeurs en agence");
  const nulTitle = new URLSearchParams({ espace: SPACES.public, titre: "Accueil\u0000 des", texte: "\u0000" });
  expect((await fetch(new URL(`/api/idees-similaires?${nulTitle}`, app.url))).status).toBe(200);
});

test("forged list cursors are treated as absent: the first page, never a 500", async () => {
  const author = await makeUser();
  const first = await makeIdea({ author, space: SPACES.public, title: "Idée lisible malgré un curseur forgé" });
  const space = await prisma.space.findUniqueOrThrow({ where: { slug: SPACES.public }, select: { id: true } });
  const challenge = await prisma.challenge.create({
    data: {
      id: newId(),
      spaceId: space.id,
      title: "Un défi aux curseurs forgés",
      cover: "Un défi.",
      brief: "Le brief.",
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
    },
  });
  await prisma.idea.update({ where: { id: first.id }, data: { challengeId: challenge.id } });
  const cursor = (value: Record<string, unknown>) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const valid = { c: new Date().toISOString(), i: first.id };
  // The counts ("top", "discussed") are int4 columns: a fraction, 2³¹ or a negative count is no cursor we issued.
  const counts = [1.5, 1e308, 2 ** 31, -(2 ** 53), -1].map((s) => ({ ...valid, s }));
  const anySort = [
    { ...valid, s: 1e308 },
    { ...valid, s: 1, c: new Date(-8.64e15).toISOString() },
    { ...valid, s: 1, c: "-271821-04-20T00:00:00.000Z" },
    { ...valid, s: 1, c: "2026-13-45T99:99:99Z" },
    { ...valid, s: 1, i: "a\u0000b" },
    { ...valid, s: "1" },
    { c: 5, i: [], s: {} },
  ].map(cursor);
  const raws = (sort: string) => [
    ...anySort,
    ...(sort === "top" || sort === "discussed" ? counts.map(cursor) : []),
    "%00",
    "x".repeat(199),
    "e30",
  ];
  for (const base of [`/espaces/${SPACES.public}`, `/defis/${challenge.id}`]) {
    for (const sort of ["top", "discussed", "hot", "newest"]) {
      for (const raw of raws(sort)) {
        const path = `${base}?tri=${sort}&apres=${encodeURIComponent(raw)}`;
        const res = await fetch(new URL(path, app.url));
        const text = await res.text();
        expect(res.status, `${path} ${Buffer.from(raw, "base64url").toString()}`).toBe(200);
        expect(text, path).toContain("Idée lisible malgré un curseur forgé");
      }
    }
  }
});
