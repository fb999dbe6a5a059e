// The pipeline over real HTTP (and the realtime socket): who reaches which page, InnovAction staying a
// 404 for outsiders everywhere, evaluator scores never reaching non-managers (HTML, single-fetch
// `.data`, socket events), bad input answered 400 with field messages and nothing stored.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/lib/db.server.ts";
import { hideContent, restoreContent } from "~/models/moderation.server.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { connectLive, sleep, until } from "./support/live-client.ts";
import { advanceIdea, makeComment, makeIdea, makeUser, SPACES } from "./factories.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const client = () => new HttpClient(app.url);
const as = (user: { email: string; password: string }) => HttpClient.signedIn(app.url, user);
const cookieOf = (c: HttpClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const stageOf = async (id: string) =>
  (await prisma.idea.findUniqueOrThrow({ where: { id }, select: { stage: true } })).stage;
const managerPages = (id: string) => [`/idees/${id}/pilotage`, `/idees/${id}/pilote`, `/idees/${id}/evaluation`];

test("manager pages: sign-in first, 403 for other roles, 200 for managers; the journal is for admins", async () => {
  const [manager, admin, author] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "ADMIN" }),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const idea = await makeIdea({ author });
  await advanceIdea({ ideaId: idea.id, manager, to: "PILOT" });

  for (const path of ["/pilotage", ...managerPages(idea.id), "/notifications", "/admin/journal"]) {
    const res = await client().get(path);
    expect(res.status, path).toBe(302);
    expect(res.headers.get("location"), path).toMatch(/^\/connexion\?redirectTo=/);
  }
  for (const role of ["PUBLIC", "EMPLOYEE", "SUPPLIER", "MODERATOR"] as const) {
    const c = await as(await makeUser({ role }));
    for (const path of ["/pilotage", ...managerPages(idea.id), `/idees/${idea.id}/pilote.data`, "/admin/journal"]) {
      expect((await c.get(path)).status, `${role} ${path}`).toBe(403);
    }
    const moves = [
      c.post("/pilotage", {
        intent: "move",
        formId: `move-${idea.id}`,
        ideaId: idea.id,
        from: "PILOT",
        to: "ARCHIVED",
        note: "Pirate",
      }),
      c.post(`/idees/${idea.id}/pilotage`, {
        intent: "move",
        ideaId: idea.id,
        from: "PILOT",
        to: "ARCHIVED",
        note: "Pirate",
      }),
      c.post(`/idees/${idea.id}/pilote`, { intent: "decision", decision: "GO", reason: "Pirate, pirate" }),
      c.post(`/idees/${idea.id}/pilotage`, { intent: "answer", body: "Une réponse officielle pirate." }),
    ];
    for (const res of await Promise.all(moves)) expect(res.status, role).toBe(403);
    expect((await c.get("/notifications")).status).toBe(200);
  }
  expect(await stageOf(idea.id)).toBe("PILOT");
  expect(await prisma.pilot.findUniqueOrThrow({ where: { ideaId: idea.id }, select: { decision: true } })).toEqual({
    decision: null,
  });
  expect(await prisma.officialAnswer.count({ where: { ideaId: idea.id } })).toBe(0);

  const m = await as(manager);
  for (const path of ["/pilotage", ...managerPages(idea.id)]) expect((await m.get(path)).status, path).toBe(200);
  expect((await m.get("/admin/journal")).status).toBe(403);
  const a = await as(admin);
  expect((await a.get("/pilotage")).status).toBe(200);
  expect((await a.get("/admin/journal")).status).toBe(200);
});

test("InnovAction ideas stay 404 for outsiders on every new page, list and data URL", async () => {
  const [manager, employee] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  const secretTitle = `Pilote interne confidentiel ${Date.now()}`;
  const idea = await makeIdea({ author: employee, space: SPACES.internal, title: secretTitle, tags: ["interne"] });
  await advanceIdea({ ideaId: idea.id, manager, to: "PRODUCTION", note: "Motif interne confidentiel" });
  const outsiders = [
    client(),
    await as(await makeUser({ role: "PUBLIC" })),
    await as(await makeUser({ role: "SUPPLIER" })),
  ];
  for (const c of outsiders) {
    for (const path of [...managerPages(idea.id), ...managerPages(idea.id).map((p) => `${p}.data`)]) {
      const res = await c.get(path);
      expect([302, 404, 202], path).toContain(res.status); // 202: a single-fetch redirect to sign-in
      expect(await res.text()).not.toContain(secretTitle);
    }
    for (const path of [
      "/en-production",
      "/en-production.data",
      `/espaces/${SPACES.public}?etape=PRODUCTION`,
      "/",
      "/notifications",
    ]) {
      const res = await c.get(path);
      expect(await res.text(), path).not.toContain(secretTitle);
    }
  }
  // Staff see it where it belongs.
  const e = await as(employee);
  expect(await (await e.get("/en-production")).text()).toContain(secretTitle);
  expect(await (await e.get(`/espaces/${SPACES.internal}?etape=PRODUCTION`)).text()).toContain(secretTitle);
  expect(await (await e.get(`/espaces/${SPACES.internal}?etape=PILOT`)).text()).not.toContain(secretTitle);
});

test("evaluator scores never reach non-managers: pages, single-fetch data, socket events", async () => {
  const [manager, author, evaluator, otherEvaluator, colleague] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "MODERATOR" }),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const idea = await makeIdea({ author, space: SPACES.internal });
  await makeComment({ author: colleague, idea });
  const m = await as(manager);
  expect(
    (
      await m.post(`/idees/${idea.id}/pilotage`, {
        intent: "move",
        ideaId: idea.id,
        from: "PROPOSED",
        to: "UNDER_REVIEW",
      })
    ).status,
  ).toBe(302);
  for (const person of [evaluator, otherEvaluator]) {
    expect((await m.post(`/idees/${idea.id}/evaluation`, { intent: "assign", email: person.email })).status).toBe(302);
  }

  // The author keeps the idea page open with a live connection while the evaluation happens.
  const authorClient = await as(author);
  const live = await connectLive(app.url, { cookie: cookieOf(authorClient) });
  const colleagueLive = await connectLive(app.url, { cookie: cookieOf(await as(colleague)) });
  try {
    for (const l of [live, colleagueLive]) {
      expect(await l.join(`idea:${idea.id}`)).toEqual({ ok: true });
      expect(await l.join(`space:${idea.spaceId}`)).toEqual({ ok: true });
      // The managers' queue room is not for them.
      expect(await l.join(`queue:${idea.spaceId}`)).toEqual({ ok: false, error: "forbidden" });
    }

    const secret = `Note confidentielle ${Date.now()}`;
    const ev = await as(evaluator);
    const scored = await ev.post(`/idees/${idea.id}/evaluation`, {
      intent: "evaluate",
      impact: "5",
      feasibility: "4",
      cost: "2",
      alignment: "5",
      comment: secret,
    });
    expect(scored.status).toBe(302);
    expect(
      (
        await (
          await as(otherEvaluator)
        ).post(`/idees/${idea.id}/evaluation`, {
          intent: "evaluate",
          impact: "3",
          feasibility: "2",
          cost: "4",
          alignment: "3",
        })
      ).status,
    ).toBe(302);
    // A move after the scores, so that events do flow to the open page.
    expect(
      (
        await m.post(`/idees/${idea.id}/pilotage`, {
          intent: "move",
          ideaId: idea.id,
          from: "UNDER_REVIEW",
          to: "SELECTED",
        })
      ).status,
    ).toBe(302);
    await until(
      () => live.events.some((e) => e.name === "idea:stage" && e.payload.ideaId === idea.id),
      "the author's page hears the stage change",
    );
    await sleep(300);

    const managerPage = await (await m.get(`/idees/${idea.id}/evaluation`)).text();
    expect(managerPage).toContain(secret);
    expect(managerPage).toMatch(/data-testid="average-overall">3,5</); // evaluators' overall marks 4 and 3
    expect(await (await m.get(`/idees/${idea.id}/evaluation.data`)).text()).toContain(secret);

    const readers = [authorClient, await as(colleague), await as(supplier), await as(otherEvaluator)];
    for (const c of readers) {
      for (const path of [
        `/idees/${idea.id}`,
        `/idees/${idea.id}.data`,
        `/espaces/${SPACES.internal}`,
        `/espaces/${SPACES.internal}.data`,
        "/notifications",
        "/notifications.data",
        "/en-production.data",
      ]) {
        const body = await (await c.get(path)).text();
        expect(body, path).not.toContain(secret);
        expect(body, path).not.toMatch(/feasibility|alignment|"impact"/);
      }
      for (const path of [`/pilotage`, `/pilotage.data`]) expect((await c.get(path)).status).toBe(403);
    }
    for (const c of readers.slice(0, 3)) {
      const res = await c.get(`/idees/${idea.id}/evaluation.data`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(secret);
    }
    // The other evaluator sees their own form only.
    const own = await (await readers[3]!.get(`/idees/${idea.id}/evaluation.data`)).text();
    expect(own).not.toContain(secret);

    for (const l of [live, colleagueLive]) {
      expect(l.events.length).toBeGreaterThan(0);
      const heard = JSON.stringify(l.events);
      expect(heard).not.toContain(secret);
      expect(heard).not.toMatch(/feasibility|alignment|impact|evaluat/i);
    }
  } finally {
    live.close();
    colleagueLive.close();
  }
});

test("bad input gets a 400 with the field's message, refused rules a 400/409 with the reason, and nothing is stored", async () => {
  const [manager, author] = await Promise.all([makeUser({ role: "MANAGER" }), makeUser({ role: "EMPLOYEE" })]);
  const idea = await makeIdea({ author });
  const m = await as(manager);
  const manage = `/idees/${idea.id}/pilotage`;

  const noReason = await m.post(manage, {
    intent: "move",
    formId: `move-${idea.id}`,
    ideaId: idea.id,
    from: "PROPOSED",
    to: "REJECTED",
  });
  expect(noReason.status).toBe(400);
  const html = await noReason.text();
  expect(html).toContain("Indiquez le motif : il sera affiché publiquement.");
  expect(html).toMatch(/aria-invalid="true"/);
  const notAllowed = await m.post(manage, { intent: "move", ideaId: idea.id, from: "PROPOSED", to: "PILOT" });
  expect(notAllowed.status).toBe(400);
  expect(await notAllowed.text()).toContain("n&#x27;est pas possible depuis l&#x27;étape actuelle");
  const stale = await m.post(manage, { intent: "move", ideaId: idea.id, from: "SELECTED", to: "PILOT" });
  expect(stale.status).toBe(409);
  expect(await stale.text()).toContain("a changé d&#x27;étape entre-temps");
  const bad: Record<string, string>[] = [
    { intent: "move", ideaId: idea.id, from: "PROPOSED", to: "NOWHERE" },
    { intent: "explode" },
    { intent: "answer", body: "" },
  ];
  for (const body of bad) {
    expect((await m.post(manage, body)).status, JSON.stringify(body)).toBe(400);
  }
  expect(await stageOf(idea.id)).toBe("PROPOSED");
  expect(await prisma.stageTransition.count({ where: { ideaId: idea.id } })).toBe(0);
  expect(await prisma.auditLog.count({ where: { targetId: idea.id } })).toBe(0);

  await advanceIdea({ ideaId: idea.id, manager, to: "PILOT" });
  const pilot = `/idees/${idea.id}/pilote`;
  const dates = await m.post(pilot, {
    intent: "pilot",
    hypothesis: "Une hypothèse assez longue",
    startsOn: "2027-06-01",
    endsOn: "2027-05-01",
  });
  expect(dates.status).toBe(400);
  expect(await dates.text()).toContain("La fin ne peut pas précéder le début.");
  const badDay = await m.post(pilot, {
    intent: "pilot",
    hypothesis: "Une hypothèse assez longue",
    startsOn: "2027-02-30",
  });
  expect(badDay.status).toBe(400);
  expect(await badDay.text()).toContain("Date invalide.");
  const kpi = await m.post(pilot, {
    intent: "kpi",
    formId: "kpi-new",
    name: "Délai",
    unit: "jours",
    baseline: "douze",
    target: "",
  });
  expect(kpi.status).toBe(400);
  const kpiHtml = await kpi.text();
  expect(kpiHtml).toContain("Nombre invalide");
  expect(kpiHtml).toContain("Ce champ est obligatoire.");
  const noReasonDecision = await m.post(pilot, { intent: "decision", decision: "NO_GO", reason: "" });
  expect(noReasonDecision.status).toBe(400);
  const production = await m.post("/pilotage", {
    intent: "move",
    formId: `move-${idea.id}`,
    ideaId: idea.id,
    from: "PILOT",
    to: "PRODUCTION",
  });
  expect(production.status).toBe(400);
  expect(await production.text()).toContain("La mise en production demande une décision « go »");
  expect(await stageOf(idea.id)).toBe("PILOT");
  expect(await prisma.kpi.count({ where: { pilot: { ideaId: idea.id } } })).toBe(0);
  expect(
    await prisma.pilot.findUniqueOrThrow({ where: { ideaId: idea.id }, select: { hypothesis: true, decision: true } }),
  ).toEqual({ hypothesis: "", decision: null });

  await advanceIdea({ ideaId: idea.id, manager, to: "PRODUCTION" });
  const link = await m.post(pilot, { intent: "rollout", releasedOn: "2027-09-01", link: "javascript:alert(1)" });
  expect(link.status).toBe(400);
  expect(await link.text()).toContain("Adresse web invalide");
  expect(await prisma.rollout.findUniqueOrThrow({ where: { ideaId: idea.id }, select: { link: true } })).toEqual({
    link: null,
  });
});

test("a manager runs the whole pipeline over HTTP; everyone sees the journey; the admin reads it in the journal", async () => {
  const [manager, admin, author, supporter, owner] = await Promise.all([
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "ADMIN" }),
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "PUBLIC" }),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const idea = await makeIdea({ author, title: `Simulateur mobile ${Date.now()}` });
  await prisma.vote.create({ data: { ideaId: idea.id, userId: supporter.id } });
  const m = await as(manager);
  const manage = `/idees/${idea.id}/pilotage`;
  const pilot = `/idees/${idea.id}/pilote`;
  const ok = async (res: Promise<Response>, location?: RegExp) => {
    const r = await res;
    expect(
      r.status,
      await r
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBe(302);
    if (location) expect(r.headers.get("location")).toMatch(location);
    return r;
  };

  await ok(
    m.post(manage, { intent: "move", ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW", note: "Étude lancée" }),
  );
  await ok(
    m.post("/pilotage?espace=emploi-store-idees", {
      intent: "move",
      formId: `move-${idea.id}`,
      ideaId: idea.id,
      from: "UNDER_REVIEW",
      to: "SELECTED",
    }),
    /^\/pilotage\?espace=emploi-store-idees#idee-/,
  );
  await ok(
    m.post(manage, { intent: "move", ideaId: idea.id, from: "SELECTED", to: "PILOT" }),
    new RegExp(`/idees/${idea.id}/pilote$`),
  );
  await ok(
    m.post(pilot, {
      intent: "pilot",
      hypothesis: "Un simulateur mobile réduit les appels",
      scope: "Bretagne, Normandie",
      startsOn: "2027-03-01",
      endsOn: "2027-06-30",
      ownerEmail: owner.email,
    }),
  );
  await ok(
    m.post(pilot, { intent: "kpi", formId: "kpi-new", name: "Appels évités", unit: "%", baseline: "0", target: "20" }),
  );
  await ok(
    m.post(pilot, {
      intent: "kpi",
      formId: "kpi-new",
      name: "Satisfaction",
      unit: "/10",
      baseline: "6,5",
      target: "8",
    }),
  );
  const kpis = await prisma.kpi.findMany({
    where: { pilot: { ideaId: idea.id } },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  await ok(
    m.post(pilot, {
      intent: "kpi",
      formId: `kpi-${kpis[0]!.id}`,
      kpiId: kpis[0]!.id,
      name: "Appels évités",
      unit: "%",
      baseline: "0",
      target: "20",
      actual: "23,5",
      measuredOn: "2027-06-30",
    }),
  );
  await ok(m.post(pilot, { intent: "decision", decision: "GO", reason: "Objectif dépassé" }), new RegExp(`${manage}$`));
  await ok(m.post(manage, { intent: "move", ideaId: idea.id, from: "PILOT", to: "PRODUCTION" }));
  await ok(
    m.post(pilot, {
      intent: "rollout",
      releasedOn: "2027-09-01",
      link: "https://emploi.example/simulateur",
      agencies: "Rennes, Caen",
    }),
  );
  await ok(m.post(manage, { intent: "answer", body: "Merci : le simulateur est **disponible** partout." }));
  expect(await stageOf(idea.id)).toBe("PRODUCTION");

  // Anyone sees the stage, the timeline, the pilot summary, the decision, the rollout and the answer.
  const page = await (await client().get(`/idees/${idea.id}`)).text();
  for (const text of [
    "Parcours de l&#x27;idée",
    "En production",
    "Étude lancée",
    "Un simulateur mobile réduit les appels",
    "Bretagne, Normandie",
    "Appels évités",
    // A KPI's unit is user text, marked with the KPI's language (docs/decisions/0037).
    '23,5<!-- --> <span lang="fr">%</span>',
    '6,5<!-- --> <span lang="fr">/10</span>',
    "Go : mise en production",
    "Objectif dépassé",
    "Rennes, Caen",
    "https://emploi.example/simulateur",
    "<strong>disponible</strong>",
  ]) {
    expect(page, text).toContain(text);
  }
  expect(page).not.toContain("Piloter cette idée");
  expect(await (await m.get(`/idees/${idea.id}`)).text()).toContain("Piloter cette idée");
  expect(await (await client().get("/en-production")).text()).toContain(idea.title);
  expect(await (await client().get(`/espaces/${SPACES.public}?etape=PRODUCTION`)).text()).toContain(idea.title);
  expect(await (await client().get(`/espaces/${SPACES.public}?etape=PILOT`)).text()).not.toContain(idea.title);

  // The author and the supporter were told, in-app; the header shows the unread count.
  const authorClient = await as(author);
  const home = await (await authorClient.get("/")).text();
  expect(home).toMatch(/data-testid="notifications-link"[^>]*>Notifications \(\d+ non lues\)</);
  const notes = await (await authorClient.get("/notifications")).text();
  expect(notes).toContain("a reçu une réponse officielle");
  expect(notes).toContain("est passée à l&#x27;étape « En production »");
  expect(await prisma.notification.count({ where: { userId: supporter.id, ideaId: idea.id } })).toBe(6); // 4 moves, the go, the answer
  expect((await authorClient.post("/notifications", { intent: "read-all" })).status).toBe(302);
  expect(await prisma.notification.count({ where: { userId: author.id, readAt: null } })).toBe(0);

  // Every move, decision and answer is in the journal; admins read it, filtered.
  const a = await as(admin);
  const journal = await (
    await a.get(`/admin/journal?action=idea.stage&auteur=${encodeURIComponent(manager.email)}`)
  ).text();
  expect(journal.match(/data-action="idea\.stage"/g)).toHaveLength(4);
  const all = await (await a.get(`/admin/journal?auteur=${encodeURIComponent(manager.email)}`)).text();
  for (const action of [
    "pilot.decision",
    "pilot.kpi.add",
    "pilot.kpi.update",
    "pilot.update",
    "rollout.update",
    "answer.publish",
  ])
    expect(all).toContain(`data-action="${action}"`);
  expect((await a.get("/admin/journal?du=pas-une-date&action=inconnue&apres=%%%")).status).toBe(200);
});

test("a hidden idea is frozen in the pipeline: no move or answer from anyone, nobody notified; notifications reach only people who may see the idea", async () => {
  const [admin, manager, moderator, author, supporter] = await Promise.all([
    makeUser({ role: "ADMIN" }),
    makeUser({ role: "MANAGER" }),
    makeUser({ role: "MODERATOR" }),
    makeUser({ role: "EMPLOYEE" }),
    makeUser({ role: "EMPLOYEE" }),
  ]);
  const idea = await makeIdea({ author });
  await prisma.vote.create({ data: { ideaId: idea.id, userId: supporter.id } });
  await hideContent({ user: moderator, target: "idea", targetId: idea.id, reason: "Hors charte" });
  const notificationsBefore = await prisma.notification.count({ where: { ideaId: idea.id } });
  const manage = `/idees/${idea.id}/pilotage`;
  const move = { intent: "move", formId: `move-${idea.id}`, ideaId: idea.id, from: "PROPOSED", to: "UNDER_REVIEW" };

  // A manager who is not a moderator does not even see it; an admin (a moderator too) sees it, frozen.
  expect((await (await as(manager)).post(manage, move)).status).toBe(404);
  const a = await as(admin);
  const page = await (await a.get(manage)).text();
  expect(page).toContain('data-testid="frozen"');
  expect(page).not.toContain('name="to"');
  const refused = await a.post(manage, move);
  expect(refused.status).toBe(409);
  expect(await refused.text()).toContain("Cette idée est masquée par la modération");
  expect((await a.post(manage, { intent: "answer", formId: "answer", body: "Une réponse officielle." })).status).toBe(
    409,
  );
  expect(await stageOf(idea.id)).toBe("PROPOSED");
  expect(await prisma.officialAnswer.count({ where: { ideaId: idea.id } })).toBe(0);
  expect(await prisma.notification.count({ where: { ideaId: idea.id } })).toBe(notificationsBefore);

  // Restored, it moves again; a supporter who lost access to InnovAction is not told of an internal idea's move.
  await restoreContent({ user: moderator, target: "idea", targetId: idea.id });
  expect((await a.post(manage, move)).status).toBe(302);
  const told = await prisma.notification.findMany({
    where: { ideaId: idea.id, type: "idea.stage" },
    select: { userId: true },
  });
  expect(told.map((t) => t.userId).sort()).toEqual([author.id, supporter.id].sort());

  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const internal = await makeIdea({ author, space: SPACES.internal });
  await prisma.vote.create({ data: { ideaId: internal.id, userId: supplier.id } });
  await prisma.spaceAccess.deleteMany({ where: { userId: supplier.id } }); // the grant is revoked
  await advanceIdea({ ideaId: internal.id, manager, to: "UNDER_REVIEW" });
  const internalTold = await prisma.notification.findMany({ where: { ideaId: internal.id }, select: { userId: true } });
  expect(internalTold.map((t) => t.userId)).toEqual([author.id]);
});
