// The editor's preview (docs/decisions/0030-attachments-and-editor.md): rendered by the server, with
// JavaScript through POST /apercu and without it by a form sent with intent=preview; the preview of a
// text is byte for byte what the idea page (or the thread) shows once it is published; and the markdown
// module's XSS corpus comes out inert through the endpoint too. @mentions preview as they will be
// published: resolved against the place (only people who may see it become links), current names, and
// the previewer may not preview against a place they cannot see.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { INLINE_MESSAGES_ID } from "~/lib/i18n.ts";
import { messages as fr } from "~/locales/fr/index.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { expectInert, XSS_PAYLOADS } from "./support/xss.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let client: HttpClient;
let author: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  app = await startTestApp();
  author = await makeUser();
  client = new HttpClient(app.url);
  await client.signIn(author.email, author.password);
});
afterAll(async () => {
  await app?.close();
});

async function preview(texte: string, pour: "idee" | "commentaire", place: Record<string, string> = {}) {
  const response = await client.post("/apercu", { texte, pour, ...place });
  expect(response.status).toBe(200);
  const { html } = (await response.json()) as { html: string };
  return html;
}

const RICH = [
  "# Constat",
  "",
  "Les demandeurs **attendent** trop _longtemps_ ; voir [la charte](https://example.org/charte) et /idees.",
  "",
  "## Proposition",
  "",
  "- un rendez-vous\n- une relance\n  1. par SMS",
  "",
  "> « Citation » & <b>pas de HTML</b>",
  "",
  "| a | b |\n|:--|--:|\n| 1 | 2 |",
  "",
  "```ts\nconst x = 1 < 2;\n```",
  "",
  "![Plan](/pieces-jointes/abcdef123)",
].join("\n");

test("the preview of a body is exactly what the idea page shows once published", async () => {
  const idea = await makeIdea({ author, body: RICH });
  const page = await (await new HttpClient(app.url).get(`/idees/${idea.id}`)).text();
  const html = await preview(RICH, "idee");
  expect(html).toContain("<h2>Constat</h2>");
  expect(html).toContain('<img src="/pieces-jointes/abcdef123"');
  expect(page).toContain(`<div class="prose" lang="fr">${html}</div>`);
});

test("the preview of a comment is exactly what the thread shows", async () => {
  const idea = await makeIdea({ author });
  const text = "Un **avis** avec une liste :\n\n- un\n- deux\n\n## Et un titre";
  const sent = await client.post(`/idees/${idea.id}`, {
    intent: "comment",
    formId: "comment-new",
    body: text,
    idempotencyKey: `k${Date.now()}aaaaaaaaaaaaaaa`.slice(0, 24),
  });
  expect(sent.status, await sent.text()).toBe(302);
  const page = await (await new HttpClient(app.url).get(`/idees/${idea.id}`)).text();
  expect(page).toContain(await preview(text, "commentaire"));
});

test("without JavaScript: intent=preview answers the form with the preview and the text kept, storing nothing", async () => {
  const before = await prisma.idea.count();
  const title = "Un titre assez long pour le formulaire";
  const body = "Du **gras** et <script>alert(1)</script>";
  const response = await client.post(`/espaces/${SPACES.public}/proposer`, {
    intent: "preview",
    title,
    body,
    tags: "",
  });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain("<strong>gras</strong>");
  expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html).not.toContain("<script>alert(1)");
  // The typed text is back in its fields.
  expect(html).toContain(`value="${title}"`);
  expect(html).toMatch(
    /<textarea[^>]*name="body"[^>]*>Du \*\*gras\*\* et &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/textarea>/,
  );
  expect(await prisma.idea.count()).toBe(before);

  // The comment form does the same on the idea page (its hidden intent stays "comment").
  const idea = await makeIdea({ author });
  const comment = await client.post(`/idees/${idea.id}`, {
    intent: ["comment", "preview"],
    formId: "comment-new",
    body: "_penché_",
  });
  expect(comment.status).toBe(200);
  const commentPage = await comment.text();
  expect(commentPage).toContain("<em>penché</em>");
  expect(commentPage).toMatch(/<textarea[^>]*name="body"[^>]*>_penché_<\/textarea>/);
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(0);
});

test("the preview endpoint: signed-in people only, bad input is a 400", async () => {
  const anonymous = await new HttpClient(app.url).post("/apercu", { texte: "x", pour: "idee" });
  expect(anonymous.status).toBe(302);
  expect((await client.post("/apercu", { texte: "x", pour: "autre" })).status).toBe(400);
  expect((await client.post("/apercu", { texte: "x".repeat(20_001), pour: "idee" })).status).toBe(400);
});

test("xss: the markdown module's whole corpus comes out inert through the preview endpoint", async () => {
  for (const [name, payload] of XSS_PAYLOADS) {
    for (const kind of ["idee", "commentaire"] as const) {
      const html = await preview(payload, kind);
      try {
        expectInert(html);
      } catch (error) {
        throw new Error(`${name} (${kind}): ${(error as Error).message}`);
      }
    }
  }
});

/** A mention as the renderer draws it. */
const linkTo = (person: { id: string }, name: string) =>
  `<a href="/personnes/${person.id}" rel="nofollow ugc noopener noreferrer">@${name}</a>`;

test("@mentions preview exactly as they are published: links only to people who may see the place", async () => {
  const run = Math.random().toString(36).slice(2, 8);
  const writer = await makeUser({ role: "EMPLOYEE", displayName: `Prévi Auteur ${run}` });
  const colleague = await makeUser({ role: "EMPLOYEE", displayName: `Prévi Collègue ${run}` });
  const outsider = await makeUser({ role: "PUBLIC", displayName: `Prévi Public ${run}` });
  const staff = new HttpClient(app.url);
  await staff.signIn(writer.email, writer.password);
  const idea = await makeIdea({ author: writer, space: SPACES.internal });
  // Typed by hand, and as a forged token naming someone who may not see the InnovAction idea.
  const text = `Avis de @Prévi Collègue ${run} et @Prévi Public ${run} ; [@Ancien nom](/personnes/${outsider.id})`;
  const answer = await staff.post("/apercu", { texte: text, pour: "commentaire", idee: idea.id });
  expect(answer.status).toBe(200);
  const { html } = (await answer.json()) as { html: string };
  expect(html).toContain(linkTo(colleague, `Prévi Collègue ${run}`));
  expect(html).not.toContain(outsider.id);
  expect(html).toContain(`@Prévi Public ${run}`);
  // Nothing was counted: no mention recorded, nobody notified.
  expect(await prisma.mention.count({ where: { mentionedId: colleague.id } })).toBe(0);

  // Published, the thread shows the very same HTML.
  const sent = await staff.post(`/idees/${idea.id}`, {
    intent: "comment",
    formId: "comment-new",
    body: text,
    idempotencyKey: `m${Date.now()}aaaaaaaaaaaaaaa`.slice(0, 24),
  });
  expect(sent.status, await sent.text()).toBe(302);
  expect(await (await staff.get(`/idees/${idea.id}`)).text()).toContain(html);

  // A new idea's preview resolves against its space; an idea body's preview on the edit page too.
  const inSpace = await preview(`Pour @Prévi Auteur ${run}`, "idee", { espace: SPACES.public });
  expect(inSpace).toContain(linkTo(writer, `Prévi Auteur ${run}`));

  // Without JavaScript: the comment form's preview resolves the same way.
  const noJs = await staff.post(`/idees/${idea.id}`, {
    intent: ["comment", "preview"],
    formId: "comment-new",
    body: `Merci @Prévi Collègue ${run}`,
  });
  expect(noJs.status).toBe(200);
  expect(await noJs.text()).toContain(linkTo(colleague, `Prévi Collègue ${run}`));

  // The previewer may not preview against a place they cannot see (the PUBLIC author: InnovAction).
  expect((await client.post("/apercu", { texte: text, pour: "commentaire", idee: idea.id })).status).toBe(404);
  // Without a place nobody is checked: a forged token shows as plain text.
  const placeless = await preview(`[@Prévi Collègue ${run}](/personnes/${colleague.id})`, "commentaire");
  expect(placeless).not.toContain(colleague.id);
  expect(placeless).toContain(`@Prévi Collègue ${run}`);
});

test("the editor's toolbar and preview texts travel in the page's inline messages, though only the browser shows them", async () => {
  // Else the toolbar's buttons had empty names (an axe violation) until the language's chunk arrived.
  const page = await (await client.get(`/espaces/${SPACES.public}/proposer`)).text();
  const json = page.match(new RegExp(`<script type="application/json" id="${INLINE_MESSAGES_ID}"[^>]*>(.*?)</script>`));
  expect(json).not.toBeNull();
  const inlined = Object.keys(JSON.parse(json![1]!) as Record<string, unknown>);
  const editorKeys = Object.keys(fr).filter((key) => key.startsWith("editor."));
  expect(editorKeys.length).toBeGreaterThan(8);
  expect(editorKeys.filter((key) => !inlined.includes(key))).toEqual([]);
});
