// Files on the forms that create something (docs/decisions/0030-attachments-and-editor.md): the propose
// form stores its files with the new idea (all or none, a refused file a 400 next to the picker); a
// comment carries images; a form answered without being stored — a preview without JavaScript, a refusal
// of another field — keeps its files as pending uploads and offers them again; the sweep expires those.
import { utimesSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { sweepOrphanFiles } from "~/models/attachment.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { pngBytes, storedFiles } from "./support/uploads.ts";

vi.hoisted(() => {
  process.env.UPLOAD_MAX_BYTES = String(200 * 1024);
  process.env.UPLOAD_MAX_FILES = "3";
});

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);

type Upload = { bytes: Uint8Array; name: string; type: string };
function form(fields: Record<string, string | string[]>, files: Upload[] = []) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) data.append(k, one);
  for (const f of files) data.append("fichiers", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return data;
}

const png = (name = "maquette.png") => pngBytes().then((bytes) => ({ bytes, name, type: "image/png" }));
const pdf = (): Upload => ({
  bytes: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
  name: "dossier.pdf",
  type: "application/pdf",
});
const htmlAsPng = (): Upload => ({
  bytes: Buffer.from("<!doctype html><script>alert(1)</script>"),
  name: "photo.png",
  type: "image/png",
});

const propose = `/espaces/${SPACES.public}/proposer`;
const ideaFields = (title: string) => ({
  title,
  body: "Des guichets qui montrent des photos des agences aux visiteurs.",
  tags: "accueil",
});
/** The ids of the files a form offers again (its ticked "fichiersGardes" boxes). */
const keptIds = (html: string) =>
  [...html.matchAll(/<input[^>]*name="fichiersGardes"[^>]*>/g)].map((m) => /value="([^"]+)"/.exec(m[0])![1]!);

test("the propose form stores its files with the new idea, in the same request", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const page = await (await client.get(propose)).text();

  expect(page).toMatch(/enctype="multipart\/form-data"/i);
  expect(page).toMatch(/<input[^>]*type="file"[^>]*name="fichiers"/);
  const title = `Des photos d'agences ${Date.now()}`;
  const res = await client.postMultipart(propose, form(ideaFields(title), [await png(), pdf()]));
  expect(res.status, await res.clone().text()).toBe(302);
  const ideaId = res.headers.get("location")!.replace("/idees/", "");
  const rows = await prisma.attachment.findMany({ where: { ideaId }, orderBy: { kind: "asc" } });
  expect(rows.map((r) => [r.kind, r.name, r.commentId])).toEqual([
    ["DOCUMENT", "dossier.pdf", null],
    ["IMAGE", "maquette.png", null],
  ]);
  expect(storedFiles()).toEqual(expect.arrayContaining(rows.map((r) => r.storageKey)));
  expect(await prisma.auditLog.count({ where: { action: "attachment.add", targetId: ideaId } })).toBe(2);
  expect(await (await client.get(`/idees/${ideaId}`)).text()).toContain(`/pieces-jointes/${rows[1]!.id}/miniature`);
});

test("a refused file on the propose form: a 400 next to the picker, no idea, no file, nothing kept", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const before = storedFiles();
  const title = `Une idée avec un faux PNG ${Date.now()}`;
  for (const files of [[await png(), htmlAsPng()], [1, 2, 3, 4].map(() => pdf())]) {
    const res = await client.postMultipart(propose, form(ideaFields(title), files));
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toMatch(/type accepté|au plus 3/);
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*name="fichiers"|name="fichiers"[^>]*aria-invalid="true"/);
    // The text typed is still there.
    expect(html).toContain(title.replace(/'/g, "&#x27;"));
  }
  expect(await prisma.idea.count({ where: { title } })).toBe(0);
  expect(await prisma.attachment.count({ where: { uploaderId: author.id } })).toBe(0);
  expect(await prisma.pendingUpload.count({ where: { uploaderId: author.id } })).toBe(0);
  expect(storedFiles()).toEqual(before);
});

test("without JavaScript, a preview keeps the chosen files and offers them again; publishing attaches them", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const title = `Aperçu avec fichiers ${Date.now()}`;
  const previewed = await client.postMultipart(
    propose,
    form({ ...ideaFields(title), intent: "preview" }, [await png()]),
  );
  const html = await previewed.text();
  expect(previewed.status).toBe(200);
  expect(html).toContain("Aperçu");
  expect(html).toContain("maquette.png");

  const [keptId] = keptIds(html);
  expect(keptId).toBeDefined();
  const pending = await prisma.pendingUpload.findUniqueOrThrow({ where: { id: keptId! } });
  expect(pending.uploaderId).toBe(author.id);
  expect(storedFiles()).toContain(pending.storageKey);
  expect(await prisma.idea.count({ where: { title } })).toBe(0);

  // Someone else cannot claim it: their form is refused next to the picker.
  const other = await signedIn(await makeUser());
  const stolen = await other.postMultipart(propose, form({ ...ideaFields(`${title} bis`), fichiersGardes: keptId! }));
  expect(stolen.status).toBe(400);
  expect(await stolen.text()).toContain("ne sont plus disponibles");

  // A refusal of another field (title too short) keeps them too, and adds the new file.
  const refused = await client.postMultipart(
    propose,
    form({ ...ideaFields("Court"), fichiersGardes: keptId! }, [pdf()]),
  );
  expect(refused.status).toBe(400);
  const again = keptIds(await refused.text());
  expect(again).toHaveLength(2);
  expect(again[0]).toBe(keptId);

  const sent = await client.postMultipart(propose, form({ ...ideaFields(title), fichiersGardes: again }));
  expect(sent.status).toBe(302);
  const ideaId = sent.headers.get("location")!.replace("/idees/", "");
  const rows = await prisma.attachment.findMany({ where: { ideaId }, orderBy: { kind: "asc" } });
  expect(rows.map((r) => r.name)).toEqual(["dossier.pdf", "maquette.png"]);
  // The very bytes kept during the preview, now the attachment's; no pending upload left.
  expect(rows[1]!.storageKey).toBe(pending.storageKey);
  expect(await prisma.pendingUpload.count({ where: { uploaderId: author.id } })).toBe(0);
});

test("a comment carries images: shown under it, not in the idea's files, refused if not an image, gone with it", async () => {
  const ideaAuthor = await makeUser();
  const idea = await makeIdea({ author: ideaAuthor });
  const commenter = await makeUser();
  const client = await signedIn(commenter);
  const comment = (fields: Record<string, string | string[]>, files: Upload[] = []) =>
    client.postMultipart(`/idees/${idea.id}`, form({ intent: "comment", formId: "comment-new", ...fields }, files));

  const refused = await comment({ body: "Voici le dossier." }, [pdf()]);
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("n&#x27;est pas une image");
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(0);

  // Previewed without JavaScript: the image is kept and offered again, then sent with the comment.
  const previewed = await comment({ body: "Une **capture**.", intent: ["comment", "preview"] }, [
    await png("capture.png"),
  ]);
  expect(previewed.status).toBe(200);
  const [keptId] = keptIds(await previewed.text());
  expect(keptId).toBeDefined();
  const sent = await comment({ body: "Une **capture**.", fichiersGardes: keptId! });
  expect(sent.status).toBe(302);
  const stored = await prisma.comment.findFirstOrThrow({ where: { ideaId: idea.id }, select: { id: true } });
  const image = await prisma.attachment.findFirstOrThrow({ where: { commentId: stored.id } });
  expect(image).toMatchObject({ ideaId: idea.id, name: "capture.png", kind: "IMAGE", uploaderId: commenter.id });

  const page = await (await new HttpClient(app.url).get(`/idees/${idea.id}`)).text();
  expect(page).toContain("Image du commentaire : capture.png");
  expect(page).not.toContain("Image jointe : capture.png"); // not among the idea's own files
  expect((await new HttpClient(app.url).get(`/pieces-jointes/${image.id}`)).status).toBe(200);

  // Hidden by a moderator: its image is served to its author and moderators only.
  const { hideContent } = await import("~/models/moderation.server.ts");
  const moderator = await makeUser({ role: "MODERATOR" });
  await hideContent({ user: moderator, target: "comment", targetId: stored.id, reason: "Hors charte" });
  const status = async (c: HttpClient) => {
    const res = await c.get(`/pieces-jointes/${image.id}/miniature`);
    await res.arrayBuffer();
    return res.status;
  };
  expect(await status(new HttpClient(app.url))).toBe(404);
  expect(await status(await signedIn(ideaAuthor))).toBe(404);
  expect(await status(client)).toBe(200);
  expect(await status(await signedIn(moderator))).toBe(200);
  const { restoreContent } = await import("~/models/moderation.server.ts");
  await restoreContent({ user: moderator, target: "comment", targetId: stored.id });

  // Deleted: its images leave with its text, rows and bytes.
  const deleted = await client.post(`/idees/${idea.id}`, { intent: "delete-comment", commentId: stored.id });
  expect(deleted.status).toBe(302);
  expect(await prisma.attachment.count({ where: { id: image.id } })).toBe(0);
  expect(storedFiles()).not.toContain(image.storageKey);
});

test("the sweep removes pending uploads older than a day with their bytes, and keeps fresh ones", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const preview = async () => {
    const res = await client.postMultipart(
      propose,
      form({ ...ideaFields(`Balayage ${Date.now()}`), intent: "preview" }, [await png()]),
    );
    return prisma.pendingUpload.findUniqueOrThrow({ where: { id: keptIds(await res.text())[0]! } });
  };
  const [old, fresh] = [await preview(), await preview()];
  await prisma.pendingUpload.update({
    where: { id: old.id },
    data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
  });
  const root = process.env.UPLOADS_DIR!;
  const hourAgo = new Date(Date.now() - 2 * 3600_000);
  for (const key of [old.storageKey, old.thumbKey!, fresh.storageKey, fresh.thumbKey!])
    utimesSync(path.join(root, key), hourAgo, hourAgo);
  await sweepOrphanFiles();
  expect(await prisma.pendingUpload.findUnique({ where: { id: old.id } })).toBeNull();
  const after = storedFiles();
  expect(after).not.toContain(old.storageKey);
  expect(after).toEqual(expect.arrayContaining([fresh.storageKey, fresh.thumbKey]));
});

test("deleting an account with its contributions removes its comments' images, rows and bytes", async () => {
  const idea = await makeIdea({ author: await makeUser() });
  const commenter = await makeUser();
  const client = await signedIn(commenter);
  const sent = await client.postMultipart(
    `/idees/${idea.id}`,
    form({ intent: "comment", formId: "comment-new", body: "Une capture." }, [await png("c.png")]),
  );
  expect(sent.status).toBe(302);
  const image = await prisma.attachment.findFirstOrThrow({ where: { ideaId: idea.id, uploaderId: commenter.id } });
  expect(storedFiles()).toContain(image.storageKey);
  // A file kept by a preview is theirs too: in the export, and gone with the account.
  const previewed = await client.postMultipart(
    propose,
    form({ ...ideaFields(`Brouillon ${Date.now()}`), intent: "preview" }, [await png("brouillon.png")]),
  );
  const kept = await prisma.pendingUpload.findUniqueOrThrow({ where: { id: keptIds(await previewed.text())[0]! } });
  const exported = await client.post("/compte/donnees/export", {});
  expect(exported.status).toBe(200);
  expect((await exported.json()).pendingUploads).toEqual([expect.objectContaining({ name: "brouillon.png" })]);
  const deleted = await client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    currentPassword: commenter.password,
    contributions: "remove",
  });
  expect(deleted.status).toBe(302);
  expect(await prisma.attachment.count({ where: { id: image.id } })).toBe(0);
  expect(storedFiles()).not.toContain(image.storageKey);
  expect(await prisma.pendingUpload.count({ where: { id: kept.id } })).toBe(0);
  expect(storedFiles()).not.toContain(kept.storageKey);
});

test("a malformed kept id (a NUL byte) is refused next to the picker, on the propose and comment forms", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const idea = await makeIdea({ author });
  for (const bad of ["abc\u0000def", "../../etc", "x".repeat(200)]) {
    const proposed = await client.postMultipart(
      propose,
      form({ ...ideaFields(`Identifiant hostile ${Date.now()}`), fichiersGardes: bad }),
    );
    expect(proposed.status).toBe(400);
    expect(await proposed.text()).toContain("ne sont plus disponibles");
    const commented = await client.postMultipart(
      `/idees/${idea.id}`,
      form({ intent: "comment", formId: "comment-new", body: "Avec un identifiant hostile.", fichiersGardes: bad }),
    );
    expect(commented.status).toBe(400);
    expect(await commented.text()).toContain("ne sont plus disponibles");
    // Refused for another field too (an empty body): still the picker's message, not a 500.
    const empty = await client.postMultipart(
      `/idees/${idea.id}`,
      form({ intent: "comment", formId: "comment-new", body: "", fichiersGardes: bad }),
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("ne sont plus disponibles");
  }
  expect(await prisma.comment.count({ where: { ideaId: idea.id } })).toBe(0);
});

test("the same form sent twice with a kept file answers both times with the redirect (idea and comment)", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const keptFrom = async (url: string, fields: Record<string, string>) =>
    keptIds(await (await client.postMultipart(url, form({ ...fields, intent: "preview" }, [await png()]))).text());

  const title = `Envoyée deux fois ${Date.now()}`;
  const ideaForm = { ...ideaFields(title), idempotencyKey: `cle-idee-${Date.now()}-abcdef` };
  const kept = await keptFrom(propose, ideaForm);
  expect(kept).toHaveLength(1);
  const first = await client.postMultipart(propose, form({ ...ideaForm, fichiersGardes: kept }));
  const second = await client.postMultipart(propose, form({ ...ideaForm, fichiersGardes: kept }));
  expect([first.status, second.status]).toEqual([302, 302]);
  expect(second.headers.get("location")).toBe(first.headers.get("location"));
  expect(await prisma.idea.count({ where: { title } })).toBe(1);

  const ideaId = first.headers.get("location")!.replace("/idees/", "");
  const commentForm = {
    intent: "comment",
    formId: "comment-new",
    body: "Une capture, envoyée deux fois.",
    idempotencyKey: `cle-comm-${Date.now()}-abcdef`,
  };
  const keptImage = await keptFrom(`/idees/${ideaId}`, { ...commentForm, intent: "comment" });
  expect(keptImage).toHaveLength(1);
  const sent = () => client.postMultipart(`/idees/${ideaId}`, form({ ...commentForm, fichiersGardes: keptImage }));
  const [once, twice] = [await sent(), await sent()];
  expect([once.status, twice.status]).toEqual([302, 302]);
  expect(twice.headers.get("location")).toBe(once.headers.get("location"));
  expect(await prisma.comment.count({ where: { ideaId } })).toBe(1);
  expect(await prisma.attachment.count({ where: { ideaId, commentId: { not: null } } })).toBe(1);
});

test("an invalid comment with an image keeps nothing for an idea that does not exist", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const res = await client.postMultipart(
    "/idees/idee-inexistante-123",
    form({ intent: "comment", formId: "comment-new", body: "" }, [await png()]),
  );
  await res.arrayBuffer();
  expect(res.status).toBe(404);
  expect(await prisma.pendingUpload.count({ where: { uploaderId: author.id } })).toBe(0);
});

test("a comment refused for another reason (its parent is gone) keeps its new image and offers it again", async () => {
  const idea = await makeIdea({ author: await makeUser() });
  const commenter = await makeUser();
  const client = await signedIn(commenter);
  const res = await client.postMultipart(
    `/idees/${idea.id}`,
    form({ intent: "comment", formId: "comment-new", body: "Une réponse.", parentId: "commentaire-parti-123" }, [
      await png("reponse.png"),
    ]),
  );
  const html = await res.text();
  expect(res.status).toBe(400);
  expect(html).toContain("n&#x27;existe plus");
  const [keptId] = keptIds(html);
  expect(keptId).toBeDefined();
  expect(await prisma.pendingUpload.findUniqueOrThrow({ where: { id: keptId! } })).toMatchObject({
    uploaderId: commenter.id,
    name: "reponse.png",
  });
});

test("a person keeps at most 3 × UPLOAD_MAX_FILES pending uploads: beyond it, the oldest go with their bytes", async () => {
  const author = await makeUser();
  const client = await signedIn(author);
  const batches: string[][] = [];
  let firstKeys: string[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await client.postMultipart(
      propose,
      form({ ...ideaFields(`En attente ${i} ${Date.now()}`), intent: "preview" }, [
        await png("a.png"),
        await png("b.png"),
        await png("c.png"),
      ]),
    );
    expect(res.status).toBe(200);
    const ids = keptIds(await res.text());
    expect(ids).toHaveLength(3);
    batches.push(ids);
    if (i === 0) {
      const first = await prisma.pendingUpload.findMany({ where: { id: { in: ids } } });
      firstKeys = first.flatMap((f) => [f.storageKey, f.thumbKey!]);
    }
  }
  const rows = await prisma.pendingUpload.findMany({ where: { uploaderId: author.id }, select: { id: true } });
  expect(rows.map((r) => r.id).sort()).toEqual(batches.slice(1).flat().sort());
  expect(firstKeys).toHaveLength(6);
  const after = storedFiles();
  for (const key of firstKeys) expect(after).not.toContain(key);
});
