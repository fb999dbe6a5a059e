// Avatars (docs/decisions/0039-avatars.md) through the running app: an upload on /compte/profil is checked
// by its content, re-encoded by sharp into two square WebP pictures without metadata, stored, and served
// with immutable private caching; bad input is a 400 naming the file field with nothing stored; a new
// picture or a removal deletes the old bytes; a private profile's picture is only its owner's and admins';
// the picture shows next to the name on the profile, the idea and comments; the GDPR export links it;
// account deletion and the orphan sweep treat its bytes right.
import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { sweepOrphanFiles } from "~/models/attachment.server.ts";
import { avatarKeys } from "~/models/avatar.ts";
import { addComment } from "~/models/comment.server.ts";
import { deleteMyAccount, exportMyData } from "~/models/privacy.server.ts";
import { makeIdea, makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

// A small limit, read when the environment is first parsed (the app runs in this process).
vi.hoisted(() => {
  process.env.UPLOAD_MAX_BYTES = String(200 * 1024);
});

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const stored = (avatarId: string) =>
  avatarKeys(avatarId).map((key) => existsSync(path.join(process.env.UPLOADS_DIR!, key)));

const signedIn = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);

function avatarForm(files: { bytes: Uint8Array; name: string; type: string }[]) {
  const form = new FormData();
  form.set("intent", "avatar");
  for (const f of files) form.append("avatar", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}

/** A wide JPEG carrying EXIF (author, copyright) and orientation 6. */
const jpegWithExif = () =>
  sharp({ create: { width: 600, height: 200, channels: 3, background: "#c03030" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Jules-Secret-Artist", Copyright: "Jules-Secret-Copyright" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: "#3060c0" } })
    .png()
    .toBuffer();

const avatarIdOf = async (user: { id: string }) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { avatarId: true } })).avatarId;

test("an upload is re-encoded into square WebP pictures without metadata, served with immutable private caching", async () => {
  const person = await makeUser();
  const client = await signedIn(person);
  const original = await jpegWithExif();
  expect((await sharp(original).metadata()).exif).toBeDefined(); // the fixture does carry EXIF
  const response = await client.postMultipart(
    "/compte/profil",
    avatarForm([{ bytes: original, name: "moi.jpg", type: "image/jpeg" }]),
  );
  expect(response.status, await response.text()).toBe(302);
  const avatarId = (await avatarIdOf(person))!;
  expect(avatarId).toBeTruthy();
  expect(stored(avatarId)).toEqual([true, true]);

  for (const size of [256, 64]) {
    const download = await new HttpClient(app.url).get(`/avatars/${avatarId}/${size}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/webp");
    expect(download.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.equals(original)).toBe(false);
    expect(bytes.includes("Jules-Secret")).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", size, size]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  }
  // Any other size, or an id that is no avatar, is a 404.
  expect((await new HttpClient(app.url).get(`/avatars/${avatarId}/128`)).status).toBe(404);
  expect((await new HttpClient(app.url).get(`/avatars/nosuchavatar123/256`)).status).toBe(404);
  expect((await new HttpClient(app.url).get(`/avatars/..%2F..%2Fetc/256`)).status).toBe(404);

  // The settings page and the profile show it, decorative next to the name.
  const settings = await (await client.get("/compte/profil")).text();
  expect(settings).toContain(`<img class="avatar avatar--large" src="/avatars/${avatarId}/256" alt=""`);
  const profile = await (await new HttpClient(app.url).get(`/personnes/${person.id}`)).text();
  expect(profile).toContain(`src="/avatars/${avatarId}/256" alt=""`);
});

test("bad input: a 400 naming the file field, nothing stored, the previous picture kept", async () => {
  const person = await makeUser();
  const client = await signedIn(person);
  const first = await client.postMultipart(
    "/compte/profil",
    avatarForm([{ bytes: await png(), name: "a.png", type: "image/png" }]),
  );
  expect(first.status).toBe(302);
  const kept = (await avatarIdOf(person))!;
  const before = await prisma.user.count({ where: { avatarId: { not: null } } });
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
  const cases: [string, Parameters<typeof avatarForm>[0], string][] = [
    [
      "HTML renamed .png",
      [{ bytes: Buffer.from("<!doctype html><script>alert(1)</script>"), name: "photo.png", type: "image/png" }],
      "pas une image PNG, JPEG",
    ],
    ["a PDF", [{ bytes: pdf, name: "cv.png", type: "image/png" }], "pas une image PNG, JPEG"],
    [
      "oversize",
      [{ bytes: Buffer.concat([await png(), Buffer.alloc(300 * 1024)]), name: "big.png", type: "image/png" }],
      "taille maximale de 0,2 Mo",
    ],
    [
      "two files",
      [
        { bytes: await png(), name: "a.png", type: "image/png" },
        { bytes: await png(), name: "b.png", type: "image/png" },
      ],
      "une seule photo",
    ],
    ["no file", [], "obligatoire"],
  ];
  for (const [what, files, message] of cases) {
    const response = await client.postMultipart("/compte/profil", avatarForm(files));
    const html = await response.text();
    expect(response.status, what).toBe(400);
    expect(html, what).toContain(message);
    expect(html, what).toMatch(
      /<input[^>]*aria-invalid="true"[^>]*name="avatar"|name="avatar"[^>]*aria-invalid="true"/,
    );
  }
  expect(await avatarIdOf(person)).toBe(kept);
  expect(await prisma.user.count({ where: { avatarId: { not: null } } })).toBe(before);
  // An unknown intent is a 400 too.
  expect((await client.post("/compte/profil", { intent: "other" })).status).toBe(400);
});

test("a new picture deletes the old bytes; removing it goes back to initials and deletes them", async () => {
  const person = await makeUser({ displayName: "Camille Durand" });
  const client = await signedIn(person);
  const upload = () =>
    client.postMultipart("/compte/profil", avatarForm([{ bytes: Buffer.alloc(0), name: "x", type: "image/png" }]));
  expect((await upload()).status).toBe(400); // an empty file
  const send = async () =>
    client.postMultipart("/compte/profil", avatarForm([{ bytes: await png(), name: "a.png", type: "image/png" }]));
  expect((await send()).status).toBe(302);
  const first = (await avatarIdOf(person))!;
  expect((await send()).status).toBe(302);
  const second = (await avatarIdOf(person))!;
  expect(second).not.toBe(first);
  expect(stored(first)).toEqual([false, false]);
  expect(stored(second)).toEqual([true, true]);
  expect((await client.get(`/avatars/${first}/256`)).status).toBe(404);

  const removed = await client.post("/compte/profil", { intent: "remove-avatar" });
  expect(removed.status).toBe(302);
  expect(await avatarIdOf(person)).toBeNull();
  expect(stored(second)).toEqual([false, false]);
  expect((await client.get(`/avatars/${second}/256`)).status).toBe(404);
  const profile = await (await client.get(`/personnes/${person.id}`)).text();
  expect(profile).toMatch(/<span class="avatar avatar--large" aria-hidden="true">CD<\/span>/);
});

test("the picture goes with the name on the idea and its comments, but not for a private profile", async () => {
  const person = await makeUser();
  const admin = await makeUser({ role: "ADMIN" });
  const client = await signedIn(person);
  expect(
    (
      await client.postMultipart(
        "/compte/profil",
        avatarForm([{ bytes: await png(), name: "a.png", type: "image/png" }]),
      )
    ).status,
  ).toBe(302);
  const avatarId = (await avatarIdOf(person))!;
  const idea = await makeIdea({ author: person });
  await addComment({ user: person, ideaId: idea.id, body: "Un avis." });
  const small = `<img class="avatar avatar--inline" src="/avatars/${avatarId}/64" alt=""`;
  const page = await (await new HttpClient(app.url).get(`/idees/${idea.id}`)).text();
  expect(page.split(small).length - 1).toBe(2); // the idea's author, the comment's author

  await prisma.user.update({ where: { id: person.id }, data: { profilePrivate: true }, select: { id: true } });
  const anonymous = new HttpClient(app.url);
  expect(await (await anonymous.get(`/idees/${idea.id}`)).text()).not.toContain(`/avatars/${avatarId}`);
  expect((await anonymous.get(`/avatars/${avatarId}/64`)).status).toBe(404);
  expect((await client.get(`/avatars/${avatarId}/64`)).status).toBe(200);
  expect((await (await signedIn(admin)).get(`/avatars/${avatarId}/64`)).status).toBe(200);
  expect(await (await client.get("/compte/profil")).text()).toContain("les autres personnes ne voient pas votre photo");
});

test("GDPR: the export links the picture; deleting the account deletes its bytes; the sweep keeps live ones", async () => {
  const person = await makeUser();
  const other = await makeUser();
  for (const who of [person, other]) {
    const client = await signedIn(who);
    const sent = await client.postMultipart(
      "/compte/profil",
      avatarForm([{ bytes: await png(), name: "a.png", type: "image/png" }]),
    );
    expect(sent.status).toBe(302);
  }
  const avatarId = (await avatarIdOf(person))!;
  const data = await exportMyData({ user: person });
  expect(data.profileSettings.avatar).toEqual({ large: `/avatars/${avatarId}/256`, small: `/avatars/${avatarId}/64` });

  // The hourly sweep deletes stored files no row points to; a live avatar is pointed to by its person.
  await sweepOrphanFiles({ graceMs: 0 });
  expect(stored(avatarId)).toEqual([true, true]);

  await deleteMyAccount({
    user: { id: person.id, sessionId: "none" },
    currentPassword: person.password,
    contributions: "keep",
  });
  expect(stored(avatarId)).toEqual([false, false]);
  expect(stored((await avatarIdOf(other))!)).toEqual([true, true]);
});
