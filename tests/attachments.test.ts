// Attachments (docs/decisions/0030-attachments-and-editor.md) through the running app: what is refused
// (an HTML page renamed .png, an oversized file, too many files, polyglots) with a 400 naming the field
// and nothing stored; what is stored (images re-encoded without their EXIF, orientation applied); how
// files are served (headers); who may download them (404 for everyone else, the thumbnail too); and the
// orphan sweep.
import { utimesSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { sweepOrphanFiles } from "~/models/attachment.server.ts";
import { makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { pngBytes, storedFiles } from "./support/uploads.ts";

// Small limits, read when the environment is first parsed (the app runs in this process).
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

function attachForm(files: { bytes: Uint8Array; name: string; type: string }[], extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set("intent", "attach");
  form.set("formId", "attach");
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  for (const f of files) form.append("fichiers", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}

const png = pngBytes;

/** A JPEG carrying EXIF (author, GPS-like comment) and orientation 6 (to be turned a quarter). */
const jpegWithExif = () =>
  sharp({ create: { width: 60, height: 20, channels: 3, background: "#c03030" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Jules-Secret-Artist", Copyright: "Jules-Secret-Copyright" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** A PNG with a text chunk holding an HTML page: a valid image AND, to a sniffing browser, a web page. */
async function pngWithHtmlChunk() {
  const image = await png();
  const data = Buffer.concat([Buffer.from("Comment\0"), Buffer.from("<html><script>alert(document.domain)</script>")]);
  const type = Buffer.from("tEXt");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const chunk = Buffer.concat([length, type, data, crc]);
  // After the signature (8 bytes) and the IHDR chunk (25 bytes).
  return Buffer.concat([image.subarray(0, 33), chunk, image.subarray(33)]);
}

/** A JPEG followed by a ZIP archive (the JPEG+ZIP / GIFAR family): both readers accept the file. */
async function jpegWithZip() {
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
    .jpeg()
    .toBuffer();
  // An empty ZIP: just its end-of-central-directory record.
  const zip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
  return Buffer.concat([image, zip]);
}

const minimalPdf = () =>
  Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

test("refused uploads: a 400 naming the file field, and nothing stored", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const client = await signedIn(author);
  const send = (files: Parameters<typeof attachForm>[0]) =>
    client.postMultipart(`/idees/${idea.id}`, attachForm(files));
  const cases: [string, Parameters<typeof attachForm>[0], string][] = [
    [
      "HTML renamed .png",
      [{ bytes: Buffer.from("<!doctype html><script>alert(1)</script>"), name: "photo.png", type: "image/png" }],
      "type accepté",
    ],
    [
      "oversize",
      [{ bytes: Buffer.concat([await png(), Buffer.alloc(300 * 1024)]), name: "big.png", type: "image/png" }],
      "taille maximale de 0,2 Mo",
    ],
    [
      "too many",
      [1, 2, 3, 4].map((i) => ({ bytes: Buffer.from("x"), name: `f${i}.png`, type: "image/png" })),
      "au plus 3",
    ],
    ["PNG + HTML polyglot", [{ bytes: await pngWithHtmlChunk(), name: "p.png", type: "image/png" }], "code caché"],
    ["JPEG + ZIP polyglot", [{ bytes: await jpegWithZip(), name: "p.jpg", type: "image/jpeg" }], "code caché"],
    [
      "a PDF that is a web page to a sniffer",
      [{ bytes: Buffer.from("%PDF-1.4\n<html><body onload=alert(1)>"), name: "d.pdf", type: "application/pdf" }],
      "code caché",
    ],
    ["no file", [], "obligatoire"],
  ];
  for (const [what, files, message] of cases) {
    const response = await send(files);
    const html = await response.text();
    expect(response.status, what).toBe(400);
    expect(html, what).toContain(message);
    // The message is the file field's: the input is marked invalid and described by it.
    expect(html, what).toMatch(
      /<input[^>]*aria-invalid="true"[^>]*name="fichiers"|name="fichiers"[^>]*aria-invalid="true"/,
    );
  }
  expect(await prisma.attachment.count({ where: { ideaId: idea.id } })).toBe(0);
  expect(storedFiles()).toEqual([]);
});

test("an image is re-encoded without its EXIF and turned upright; a document is a download", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const client = await signedIn(author);
  const original = await jpegWithExif();
  expect((await sharp(original).metadata()).exif).toBeDefined(); // the fixture does carry EXIF
  const response = await client.postMultipart(
    `/idees/${idea.id}`,
    attachForm([
      { bytes: original, name: "../../etc/Photo\u202e.jpg", type: "image/jpeg" },
      { bytes: minimalPdf(), name: "dossier.pdf", type: "text/html" },
    ]),
  );
  expect(response.status, await response.text()).toBe(302);
  const rows = await prisma.attachment.findMany({ where: { ideaId: idea.id }, orderBy: { kind: "asc" } });
  expect(rows.map((r) => [r.kind, r.mime, r.name])).toEqual([
    ["DOCUMENT", "application/pdf", "dossier.pdf"],
    ["IMAGE", "image/jpeg", "Photo.jpg"],
  ]);
  const image = rows[1]!;
  const download = await new HttpClient(app.url).get(`/pieces-jointes/${image.id}`);
  expect(download.status).toBe(200);
  expect(download.headers.get("content-type")).toBe("image/jpeg");
  expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  expect(download.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
  const bytes = Buffer.from(await download.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
  expect(bytes.includes("Jules-Secret")).toBe(false);
  // Orientation 6 applied: the 60 × 20 picture stands 20 × 60.
  expect([meta.width, meta.height]).toEqual([20, 60]);
  const thumbnail = await new HttpClient(app.url).get(`/pieces-jointes/${image.id}/miniature`);
  expect(thumbnail.status).toBe(200);
  expect(thumbnail.headers.get("content-type")).toBe("image/webp");
  expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).exif).toBeUndefined();

  const pdf = await new HttpClient(app.url).get(`/pieces-jointes/${rows[0]!.id}`);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get("content-type")).toBe("application/pdf");
  expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="dossier.pdf"/);
  expect(pdf.headers.get("x-content-type-options")).toBe("nosniff");
  expect(pdf.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
  expect(Buffer.from(await pdf.arrayBuffer()).equals(minimalPdf())).toBe(true);
  // The idea page lists both (the document as a download link, the image by its thumbnail).
  const page = await (await new HttpClient(app.url).get(`/idees/${idea.id}`)).text();
  expect(page).toContain(`/pieces-jointes/${image.id}/miniature`);
  expect(page).toContain(`/pieces-jointes/${rows[0]!.id}`);
  // The audit trail has one entry per file.
  expect(await prisma.auditLog.count({ where: { action: "attachment.add", targetId: idea.id } })).toBe(2);
});

test("InnovAction and confidential attachments: 404 for whoever may not see them, thumbnails included", async () => {
  const author = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const idea = await makeIdea({ author, space: SPACES.internal });
  const client = await signedIn(author);
  const image = { bytes: await png(), name: "maquette.png", type: "image/png" };
  expect((await client.postMultipart(`/idees/${idea.id}`, attachForm([image]))).status).toBe(302);
  expect(
    (
      await client.postMultipart(
        `/idees/${idea.id}`,
        attachForm([{ ...image, name: "secret.png" }], { confidential: "on" }),
      )
    ).status,
  ).toBe(302);
  const open = await prisma.attachment.findFirstOrThrow({ where: { ideaId: idea.id, confidential: false } });
  const secret = await prisma.attachment.findFirstOrThrow({ where: { ideaId: idea.id, confidential: true } });

  const evaluator = await makeUser({ role: "EMPLOYEE" });
  await prisma.evaluationAssignment.create({ data: { ideaId: idea.id, evaluatorId: evaluator.id } });
  const people = {
    anonymous: new HttpClient(app.url),
    public: await signedIn(await makeUser({ role: "PUBLIC" })),
    employee: await signedIn(await makeUser({ role: "EMPLOYEE" })),
    moderator: await signedIn(await makeUser({ role: "MODERATOR" })),
    evaluator: await signedIn(evaluator),
    manager: await signedIn(await makeUser({ role: "MANAGER" })),
    admin: await signedIn(await makeUser({ role: "ADMIN" })),
    author: client,
  };
  const statuses = async (id: string) =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(people).map(async ([who, c]) => {
          const file = await c.get(`/pieces-jointes/${id}`);
          const thumb = await c.get(`/pieces-jointes/${id}/miniature`);
          await file.arrayBuffer();
          await thumb.arrayBuffer();
          return [who, `${file.status}/${thumb.status}`];
        }),
      ),
    );
  expect(await statuses(open.id)).toEqual({
    anonymous: "404/404",
    public: "404/404",
    employee: "200/200",
    moderator: "200/200",
    evaluator: "200/200",
    manager: "200/200",
    admin: "200/200",
    author: "200/200",
  });
  expect(await statuses(secret.id)).toEqual({
    anonymous: "404/404",
    public: "404/404",
    employee: "404/404",
    moderator: "404/404",
    evaluator: "200/200",
    manager: "200/200",
    admin: "200/200",
    author: "200/200",
  });
  // Not even listed on the idea page for those who may not download it.
  const employeePage = await (await people.employee.get(`/idees/${idea.id}`)).text();
  expect(employeePage).toContain(open.id);
  expect(employeePage).not.toContain(secret.id);
  expect(employeePage).not.toContain("secret.png");
  expect(await (await people.manager.get(`/idees/${idea.id}`)).text()).toContain(secret.id);
  // A public idea's author cannot mark a file confidential.
  const publicAuthor = await makeUser();
  const publicIdea = await makeIdea({ author: publicAuthor });
  const refused = await (
    await signedIn(publicAuthor)
  ).postMultipart(`/idees/${publicIdea.id}`, attachForm([image], { confidential: "on" }));
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("InnovAction");
});

test("the orphan sweep removes stored files without a row, and keeps the others", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const client = await signedIn(author);
  await client.postMultipart(
    `/idees/${idea.id}`,
    attachForm([{ bytes: await png(), name: "a.png", type: "image/png" }]),
  );
  const kept = await prisma.attachment.findFirstOrThrow({ where: { ideaId: idea.id } });
  const root = process.env.UPLOADS_DIR!;
  mkdirSync(path.join(root, "a"), { recursive: true });
  const orphan = path.join(root, "a", "orphan-file-0001");
  writeFileSync(orphan, "left behind");
  const old = new Date(Date.now() - 2 * 3600_000);
  utimesSync(orphan, old, old);
  for (const key of [kept.storageKey, kept.thumbKey!]) utimesSync(path.join(root, key), old, old);
  expect(await sweepOrphanFiles()).toBeGreaterThanOrEqual(1);
  const after = storedFiles();
  expect(after).not.toContain("a/orphan-file-0001");
  expect(after).toEqual(expect.arrayContaining([kept.storageKey, kept.thumbKey]));
});

test("a merge carries the attachments to the target and its undo brings them back", async () => {
  const { mergeIdeas, unmergeIdeas } = await import("~/models/merge.server.ts");
  const author = await makeUser();
  const manager = await makeUser({ role: "MANAGER" });
  const [source, target] = [await makeIdea({ author }), await makeIdea({ author })];
  const client = await signedIn(author);
  await client.postMultipart(
    `/idees/${source.id}`,
    attachForm([{ bytes: await png(), name: "s.png", type: "image/png" }]),
  );
  const file = await prisma.attachment.findFirstOrThrow({ where: { ideaId: source.id } });
  const { mergeId } = await mergeIdeas({ user: manager, sourceId: source.id, targetId: target.id });
  expect(await prisma.attachment.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
    ideaId: target.id,
    mergeId,
  });
  await unmergeIdeas({ user: manager, mergeId });
  expect(await prisma.attachment.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
    ideaId: source.id,
    mergeId: null,
  });
});

test("deleting an account with its contributions removes its ideas' files, rows and bytes; the export lists them", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const client = await signedIn(author);
  await client.postMultipart(`/idees/${idea.id}`, attachForm([{ bytes: minimalPdf(), name: "d.pdf", type: "x/y" }]));
  const file = await prisma.attachment.findFirstOrThrow({ where: { ideaId: idea.id } });
  const exported = await client.post("/compte/donnees/export", {});
  expect(exported.status).toBe(200);
  expect(await exported.text()).toContain(`/pieces-jointes/${file.id}`);
  expect(storedFiles()).toContain(file.storageKey);
  const deleted = await client.post("/compte/donnees", {
    intent: "delete-account",
    formId: "delete",
    currentPassword: author.password,
    contributions: "remove",
  });
  expect(deleted.status).toBe(302);
  expect(await prisma.attachment.count({ where: { id: file.id } })).toBe(0);
  expect(storedFiles()).not.toContain(file.storageKey);
});
