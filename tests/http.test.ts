// The app over real HTTP: status codes, visibility on every page, CSRF origin check, form errors.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { exactCount } from "~/models/counters.server.ts";
import { startTestApp } from "./support/app.ts";
import { makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const client = () => new HttpClient(app.url);

test("an InnovAction idea does not exist for anonymous visitors, PUBLIC users and suppliers without a grant", async () => {
  const employee = await makeUser({ role: "EMPLOYEE" });
  const secretTitle = `Projet confidentiel ${Date.now()}`;
  const idea = await makeIdea({ author: employee, space: SPACES.internal, title: secretTitle });
  await makeComment({ author: employee, idea, body: "commentaire interne secret" });

  const outsiders = [client()];
  for (const role of ["PUBLIC", "SUPPLIER"] as const) {
    const user = await makeUser({ role });
    const c = client();
    await c.signIn(user.email, user.password);
    outsiders.push(c);
  }
  for (const c of outsiders) {
    for (const path of [
      `/idees/${idea.id}`,
      `/idees/${idea.id}/modifier`,
      `/espaces/${SPACES.internal}`,
      `/espaces/${SPACES.internal}/proposer`,
    ]) {
      const res = await c.get(path);
      expect([404, 302], path).toContain(res.status);
      if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/connexion/);
      expect(await res.text()).not.toContain(secretTitle);
    }
    // Neither the list of the public space, nor the home page, nor the single-fetch data mention it.
    for (const path of [
      "/",
      `/espaces/${SPACES.public}`,
      `/idees/${idea.id}.data`,
      `/espaces/${SPACES.internal}.data`,
    ]) {
      const body = await (await c.get(path)).text();
      expect(body).not.toContain(secretTitle);
      expect(body).not.toContain("commentaire interne secret");
    }
    const vote = await c.post(`/idees/${idea.id}`, { intent: "support" });
    expect([404, 302]).toContain(vote.status);
  }
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);

  const granted = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const g = client();
  await g.signIn(granted.email, granted.password);
  const res = await g.get(`/idees/${idea.id}`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain(secretTitle);
});

test("a state-changing request without our Origin is refused and changes nothing", async () => {
  const author = await makeUser();
  const voter = await makeUser();
  const idea = await makeIdea({ author });
  const c = client();
  await c.signIn(voter.email, voter.password);
  for (const origin of ["https://evil.example", null]) {
    const res = await c.post(`/idees/${idea.id}`, { intent: "support" }, { origin });
    expect(res.status).toBe(403);
  }
  expect(await prisma.vote.count({ where: { ideaId: idea.id } })).toBe(0);
  const ok = await c.post(`/idees/${idea.id}`, { intent: "support" });
  expect(ok.status).toBe(303);
  expect((await exactCount(idea.id)).supports).toBe(1);
});

test("a replayed vote request counts once and the page shows the exact count", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  const voters = await Promise.all([makeUser(), makeUser()]);
  for (const voter of voters) {
    const c = client();
    await c.signIn(voter.email, voter.password);
    await Promise.all([1, 2, 3].map(() => c.post(`/idees/${idea.id}`, { intent: "support" })));
  }
  const page = await (await client().get(`/idees/${idea.id}`)).text();
  expect(page).toMatch(/data-testid="support-count"[^>]*>2 soutiens</);
});

test("bad input gets a 400 with the field's message, and nothing is stored", async () => {
  const user = await makeUser();
  const c = client();
  await c.signIn(user.email, user.password);
  const before = await prisma.idea.count();
  const res = await c.post(`/espaces/${SPACES.public}/proposer`, { title: "Court", body: "", tags: "a,<b>" });
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(html).toContain("8 caractères au moins.");
  expect(html).toContain("Ce champ est obligatoire.");
  expect(html).toMatch(/aria-invalid="true"/);
  expect(await prisma.idea.count()).toBe(before);

  const unknownIntent = await c.post(`/idees/${(await makeIdea({ author: user })).id}`, { intent: "explode" });
  expect(unknownIntent.status).toBe(400);
  const longComment = await c.post(`/idees/${(await makeIdea({ author: user })).id}`, {
    intent: "comment",
    formId: "comment-new",
    body: "x".repeat(5001),
  });
  expect(longComment.status).toBe(400);
  expect(await longComment.text()).toMatch(/5\s000 caractères au plus\./u);
});

test("a title of invisible characters or with a text-direction override is a 400 with the field's message", async () => {
  const user = await makeUser();
  const c = client();
  await c.signIn(user.email, user.password);
  const before = await prisma.idea.count({ where: { authorId: user.id } });
  const blank = await c.post(`/espaces/${SPACES.public}/proposer`, {
    title: "\u3164".repeat(12),
    body: "Une description suffisante.",
  });
  expect(blank.status).toBe(400);
  const blankHtml = await blank.text();
  expect(blankHtml).toContain(
    "Ce texte ne contient que des caractères invisibles : écrivez des lettres ou des chiffres.",
  );
  expect(blankHtml).toMatch(/aria-invalid="true"/);
  const spoof = await c.post(`/espaces/${SPACES.public}/proposer`, {
    title: "Le planning \u202Etxt.exe",
    body: "Une description suffisante.",
  });
  expect(spoof.status).toBe(400);
  expect(await spoof.text()).toContain(
    "Les caractères qui inversent le sens du texte (RLO, LRI…) ne sont pas autorisés ici.",
  );
  expect(await prisma.idea.count({ where: { authorId: user.id } })).toBe(before);
});

test("proposing an idea stores it in the chosen space and shows it rendered", async () => {
  const user = await makeUser();
  const c = client();
  await c.signIn(user.email, user.password);
  const res = await c.post(`/espaces/${SPACES.public}/proposer`, {
    title: "Des offres d'emploi lisibles sur mobile",
    body: "Une **proposition** <script>alert(1)</script>",
    tags: "Mobile, offres",
  });
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  const page = await (await c.get(location)).text();
  expect(page).toContain("Des offres d&#x27;emploi lisibles sur mobile");
  expect(page).toContain("<strong>proposition</strong>");
  expect(page).not.toContain("<script>alert(1)</script>");
  expect(page).toContain("Votre idée est publiée.");
  const stored = await prisma.idea.findUniqueOrThrow({
    where: { id: location.split("/").pop()! },
    select: { tags: true, space: { select: { slug: true } } },
  });
  expect(stored).toEqual({ tags: ["mobile", "offres"], space: { slug: SPACES.public } });
});

test("a PUBLIC user cannot propose in InnovAction", async () => {
  const user = await makeUser();
  const c = client();
  await c.signIn(user.email, user.password);
  const before = await prisma.idea.count();
  const res = await c.post(`/espaces/${SPACES.internal}/proposer`, {
    title: "Une idée interne pirate",
    body: "Contenu de l'idée.",
  });
  expect(res.status).toBe(404);
  expect(await prisma.idea.count()).toBe(before);
});

test("sign-in attempts are limited per account, with Retry-After", async () => {
  const user = await makeUser();
  let last: Response | undefined;
  for (let i = 0; i < 11; i++)
    last = await client().post("/connexion", { email: user.email, password: "mauvais-mot-de-passe" });
  expect(last!.status).toBe(429);
  expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await last!.text()).toContain("Trop de tentatives");
  // Even the right password is refused while the account is throttled.
  const blocked = await client().post("/connexion", { email: user.email, password: user.password });
  expect(blocked.status).toBe(429);
});

test("a wrong password and an unknown account get the same answer", async () => {
  const user = await makeUser();
  const wrong = await client().post("/connexion", { email: user.email, password: "pas-le-bon-mot" });
  const unknown = await client().post("/connexion", {
    email: `inconnu-${Date.now()}@example.test`,
    password: "pas-le-bon-mot",
  });
  expect(wrong.status).toBe(400);
  expect(unknown.status).toBe(400);
  expect(await wrong.text()).toContain("Adresse e-mail ou mot de passe incorrect.");
  expect(await unknown.text()).toContain("Adresse e-mail ou mot de passe incorrect.");
});

test("sign-up creates an inactive PUBLIC account and answers a taken address exactly the same way", async () => {
  const email = `nouvelle-${Date.now()}@example.test`;
  const taken = await makeUser();
  const signUp = (address: string) =>
    client().post("/inscription", {
      email: address,
      displayName: "Nouvelle Personne",
      password: "un-mot-de-passe-long",
    });
  const [fresh, again] = [await signUp(email), await signUp(taken.email)];
  for (const res of [fresh, again]) {
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/inscription/verifiez");
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toBe("");
  }
  const stored = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { role: true, passwordHash: true, emailVerifiedAt: true },
  });
  expect(stored.role).toBe("PUBLIC");
  expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  expect(stored.emailVerifiedAt).toBeNull();
  // The taken address's account is untouched.
  const owner = await prisma.user.findUniqueOrThrow({ where: { id: taken.id }, select: { displayName: true } });
  expect(owner.displayName).toBe(taken.displayName);
  // Until the e-mailed link is used, signing in fails like a wrong password.
  const early = await client().post("/connexion", { email, password: "un-mot-de-passe-long" });
  expect(early.status).toBe(400);
  expect(await early.text()).toContain("Adresse e-mail ou mot de passe incorrect.");
  const page = await client().get("/inscription/verifiez");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Vérifiez votre boîte mail");
});

test("signing out of all devices ends the other sessions too", async () => {
  const user = await makeUser();
  const laptop = client();
  const phone = client();
  await laptop.signIn(user.email, user.password);
  await phone.signIn(user.email, user.password);
  expect((await phone.get("/compte")).status).toBe(200);
  const res = await laptop.post("/compte", { intent: "sign-out-everywhere" });
  expect(res.status).toBe(302);
  expect((await phone.get("/compte")).status).toBe(302);
  expect((await laptop.get("/compte")).status).toBe(302);
});

test("only admins reach the admin page; an admin changes a role and grants a supplier access", async () => {
  const admin = await makeUser({ role: "ADMIN" });
  const supplier = await makeUser({ role: "PUBLIC" });
  const manager = await makeUser({ role: "MANAGER" });
  const m = client();
  await m.signIn(manager.email, manager.password);
  expect((await m.get("/admin/utilisateurs")).status).toBe(403);
  expect((await m.post("/admin/utilisateurs", { intent: "role", userId: supplier.id, role: "ADMIN" })).status).toBe(
    403,
  );

  const a = client();
  await a.signIn(admin.email, admin.password);
  expect((await a.get("/admin/utilisateurs")).status).toBe(200);
  expect((await a.post("/admin/utilisateurs", { intent: "role", userId: supplier.id, role: "SUPPLIER" })).status).toBe(
    302,
  );
  expect((await a.post("/admin/utilisateurs", { intent: "role", userId: supplier.id, role: "KING" })).status).toBe(400);
  const internal = await prisma.space.findUniqueOrThrow({ where: { slug: SPACES.internal }, select: { id: true } });
  expect(
    (await a.post("/admin/utilisateurs", { intent: "grant", userId: supplier.id, spaceId: internal.id })).status,
  ).toBe(302);
  const s = client();
  await s.signIn(supplier.email, supplier.password);
  expect((await s.get(`/espaces/${SPACES.internal}`)).status).toBe(200);
  // An admin cannot demote themself by accident.
  await a.post("/admin/utilisateurs", { intent: "role", userId: admin.id, role: "PUBLIC" });
  expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { role: true } })).role).toBe("ADMIN");
});

test("the interface is French by default and English on request", async () => {
  const fr = await (await client().get("/")).text();
  expect(fr).toContain('<html lang="fr"');
  expect(fr).toContain("Bienvenue sur Idées");
  const en = await (await client().get("/", { "Accept-Language": "en-GB,en;q=0.9" })).text();
  expect(en).toContain('<html lang="en"');
  expect(en).toContain("Welcome to Idées");
  const c = client();
  const switched = await c.post("/langue", { locale: "en", redirectTo: "/" });
  expect(switched.status).toBe(302);
  expect(await (await c.get("/")).text()).toContain("Welcome to Idées");
  expect((await c.post("/langue", { locale: "de" })).status).toBe(400);
});

test("page titles, space names and the 404 page follow the request's language", async () => {
  const EN = { "Accept-Language": "en-GB,en;q=0.9" };
  const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
  const slug = `jardin-${Date.now()}`;
  await prisma.space.create({
    data: {
      id: `space-${slug}`,
      slug,
      audience: "PUBLIC",
      nameFr: "Le jardin des idées",
      nameEn: "The idea garden",
      descriptionFr: "Un espace de test.",
      descriptionEn: "A test space.",
    },
  });
  // Spaces are cached for a few seconds by the app (app/models/space.server.ts): wait until it sees the new one.
  await expect.poll(async () => (await client().get(`/espaces/${slug}`)).status, { timeout: 10_000 }).toBe(200);
  const english = await (await client().get(`/espaces/${slug}`, EN)).text();
  expect(titleOf(english)).toBe("The idea garden — Idées");
  // (The loader data serialised after the page holds both names; what is shown holds only one.)
  const shown = english.slice(0, english.indexOf("<script"));
  expect(shown).toContain("The idea garden");
  expect(shown).not.toContain("Le jardin des idées");
  expect(titleOf(await (await client().get(`/espaces/${slug}`)).text())).toBe("Le jardin des idées — Idées");
  expect(titleOf(await (await client().get("/connexion", EN)).text())).toBe("Sign in — Idées");
  expect(titleOf(await (await client().get("/connexion")).text())).toBe("Se connecter — Idées");

  // An address no route knows, and one whose loader throws the 404: both in the visitor's language.
  for (const path of ["/nowhere", "/idees/inexistante"]) {
    const res = await client().get(path, EN);
    expect(res.status, path).toBe(404);
    const html = await res.text();
    expect(html, path).toContain('<html lang="en"');
    expect(titleOf(html), path).toBe("Page not found — Idées");
    expect(html, path).toContain("<h1>Page not found</h1>");
    expect(html, path).not.toContain("Page introuvable");
    const fr = await (await client().get(path)).text();
    expect(fr, path).toContain('<html lang="fr"');
    expect(titleOf(fr), path).toBe("Page introuvable — Idées");
  }
  // Posting to an unknown address is a 404 as well (not a 405 or 500).
  expect((await client().post("/nowhere", { a: "b" })).status).toBe(404);
});

test("unknown pages and malformed ids are 404s, never 500s", async () => {
  for (const path of [
    "/nulle-part",
    "/idees/inexistante",
    `/idees/${"x".repeat(500)}`,
    "/espaces/inconnu",
    "/espaces/emploi-store-idees?apres=%%%",
    "/espaces/emploi-store-idees?apres=bm90LWpzb24",
    "/idees/a%00b",
    "/defis/a%00b",
    "/desabonnement/a%00b",
    "/espaces/a%00b",
    "/espaces/emploi-store-idees?apres=%00",
    "/recherche?q=%00",
  ]) {
    const res = await client().get(path);
    expect([200, 404], path).toContain(res.status);
  }
  // A search filter that names no challenge is a bad request, said plainly.
  expect((await client().get("/recherche?q=emploi&defi=%00")).status).toBe(400);
  // Pages behind a sign-in, for someone who may use them: an id that cannot exist is a 404 too.
  const manager = await makeUser({ role: "MANAGER" });
  const c = client();
  await c.signIn(manager.email, manager.password);
  for (const path of [
    "/idees/a%00b/modifier",
    "/idees/a%00b/pilotage",
    "/idees/a%00b/pilote",
    "/idees/a%00b/evaluation",
  ]) {
    expect((await c.get(path)).status, path).toBe(404);
  }
});
