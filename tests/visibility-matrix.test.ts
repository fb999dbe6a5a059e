// THE visibility matrix ("hard edges" issue; docs/decisions/0008-moderation.md): every persona × every
// surface × every kind of content, from one table. Each piece of content carries a random token; a
// surface "shows" it to a persona when the token (or, where a surface only carries ids, the content's
// id) is in what that persona receives. The expectations are written out by hand below — never computed
// from app/auth/policy.ts, which is what is being checked. A new surface (API, webhooks, attachments,
// profiles…) is checked by adding one row to SURFACES and one line per content kind to EXPECTED.
//
// People search for mentions (/api/personnes) names people, not content: tests/social.test.ts checks that
// it refuses a place the asker cannot see. The read API (/api/v1) has no people endpoint.
// Hackathons: their pages and the jury's scores before results (docs/decisions/0035).
// Not covered yet: challenge pages (/defis/<id>), the admin journal (/admin/journal: it
// holds audited titles and scores by design, for admins), `.data` of the search, board and manager pages,
// comment counts in single-fetch data (only the HTML cards are read), live events of the moderation and
// pipeline-queue rooms, e-mails sent at once (IMMEDIATE mode: here every persona gets the daily digest,
// which is rendered after everything happened), a supplier whose InnovAction access was revoked (tests/identity.test.ts).
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createSession } from "~/auth/session.server.ts";
import { deliverWebhook } from "~/jobs/webhooks.server.ts";
import { newId } from "~/lib/id.ts";
import type { WebhookEvent } from "~/models/webhook.ts";
import { prisma } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { addComment } from "~/models/comment.server.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { regenerateOpenData } from "~/models/open-data.server.ts";
import { deliverPendingEmails, queueDailyDigests } from "~/jobs/email.server.ts";
import { assignEvaluator, submitEvaluation } from "~/models/evaluation.server.ts";
import { mergeIdeas } from "~/models/merge.server.ts";
import { flagContent, hideContent } from "~/models/moderation.server.ts";
import { NOTIFICATION_TYPES } from "~/models/notification.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { createHackathon, registerForHackathon } from "~/models/hackathon.server.ts";
import { createTeam, submitProject } from "~/models/hackathon-teams.server.ts";
import { addJuror, scoreProject } from "~/models/hackathon-jury.server.ts";
import { setSupport } from "~/models/vote.server.ts";
import { inviteSupplier } from "~/models/invitation.server.ts";
import { acceptSupplierTerms, publishSupplierTerms } from "~/models/supplier-terms.server.ts";
import { publish } from "~/realtime/publish.server.ts";
import { advanceIdea, getSpace, makeIdea, makeUser, SPACES } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";
import { connectLive, sleep, until, type LiveClient } from "./support/live-client.ts";
import { startSmtpServer } from "./support/smtp.ts";
import { startWebhookReceiver } from "./support/webhook-receiver.ts";

// Webhooks post to a receiver in this process, on 127.0.0.1 (read before any module parses the environment).
vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
});

// --- personas -----------------------------------------------------------------------------------------

const PERSONAS = [
  "anonymous",
  "PUBLIC",
  "SUPPLIER",
  "SUPPLIER+access",
  "EMPLOYEE",
  "MODERATOR",
  "MANAGER",
  "ADMIN",
  "author",
] as const;
type Persona = (typeof PERSONAS)[number];

// --- content kinds ------------------------------------------------------------------------------------

const CONTENTS = [
  "innovaction",
  "public",
  "hidden",
  "merged",
  "merged-then-hidden",
  "hidden comment",
  "scores",
  "invitation",
] as const;
type ContentKind = (typeof CONTENTS)[number];

// --- expectations, written out by hand ------------------------------------------------------------------

const ALL: Persona[] = [...PERSONAS];
const SIGNED_IN = PERSONAS.filter((p) => p !== "anonymous");
const NOBODY: Persona[] = [];
/** Staff, and the supplier InnovAction was granted to. */
const INNOVACTION: Persona[] = ["SUPPLIER+access", "EMPLOYEE", "MODERATOR", "MANAGER", "ADMIN"];
/** Hidden content: its author and moderators (an admin moderates too). */
const HIDDEN_READERS: Persona[] = ["author", "MODERATOR", "ADMIN"];
const MANAGERS: Persona[] = ["MANAGER", "ADMIN"];
const MODERATORS: Persona[] = ["MODERATOR", "ADMIN"];

type SurfaceName =
  | "idea page"
  | "idea page .data"
  | "space list"
  | "space list .data"
  | "search"
  | "suggestions"
  | "manager board"
  | "manager board, filtered"
  | "manager page"
  | "merge targets"
  | "evaluation page"
  | "en production"
  | "home page"
  | "moderation queue"
  | "sockets"
  | "GDPR export"
  | "notifications"
  | "e-mails"
  | "indicators page"
  | "commitments page"
  | "CSV ideas"
  | "CSV stage history"
  | "CSV pilot KPIs"
  | "suppliers page"
  | "terms acceptances CSV"
  | "webhooks"
  | "API idea"
  | "API comments"
  | "API list"
  | "API search"
  | "API production"
  | "open data CSV"
  | "open data JSON"
  | "follows page"
  | "profile"
  | "private profile"
  | "hackathon pages"
  | "hackathon jury scores";

/**
 * Who sees each kind of content on each surface. Lists, search, suggestions and boards never carry
 * hidden or merged ideas, for anyone (ADR 0008, 0014); a hidden idea's page — and its page's socket
 * events — are its author's and moderators'; a merged idea's page leads to its target, which names it;
 * scores are managers' (ADR 0006).
 * The merged-then-hidden idea's title reaches only its author and moderators, also through the target's
 * moved comments and manager page; a hidden comment counts in no list.
 */
const EXPECTED: Record<ContentKind, Record<SurfaceName, Persona[]>> = {
  innovaction: {
    "idea page": INNOVACTION,
    "idea page .data": INNOVACTION,
    "space list": INNOVACTION,
    "space list .data": INNOVACTION,
    search: INNOVACTION,
    suggestions: INNOVACTION,
    "manager board": MANAGERS,
    "manager board, filtered": MANAGERS,
    "manager page": MANAGERS,
    "merge targets": NOBODY, // in production: past review, never a target
    "evaluation page": MANAGERS,
    "en production": INNOVACTION,
    "home page": INNOVACTION, // recently in production
    "moderation queue": NOBODY,
    sockets: INNOVACTION,
    "GDPR export": NOBODY, // written by someone else: my export holds ids of what I supported, not its text
    notifications: INNOVACTION, // every persona who may see it supports it
    "e-mails": INNOVACTION,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": MANAGERS,
    "commitments page": INNOVACTION,
    "CSV ideas": MANAGERS,
    "CSV stage history": MANAGERS,
    "CSV pilot KPIs": MANAGERS,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: ["ADMIN"], // an endpoint's payload is built with its owner as the viewer; only admins own one
    // The read API (docs/decisions/0026-read-api.md), anonymous or with each persona's token: the pages' rules.
    "API idea": INNOVACTION,
    "API comments": INNOVACTION,
    "API list": INNOVACTION,
    "API search": INNOVACTION,
    "API production": INNOVACTION,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    // Social pages (docs/decisions/0031): the ideas I follow (supporters follow by default), the profiles of
    // the content's authors, and the same profiles made private (name only, but to themselves and admins).
    "follows page": INNOVACTION,
    profile: INNOVACTION,
    "private profile": ["ADMIN"],
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": INNOVACTION,
    "hackathon jury scores": MANAGERS,
  },
  public: {
    "idea page": ALL,
    "idea page .data": ALL,
    "space list": ALL,
    "space list .data": ALL,
    search: ALL,
    suggestions: ALL,
    "manager board": MANAGERS,
    "manager board, filtered": MANAGERS,
    "manager page": MANAGERS,
    "merge targets": NOBODY, // in production: past review, never a target
    "evaluation page": MANAGERS,
    "en production": ALL,
    "home page": ALL,
    "moderation queue": NOBODY,
    sockets: ALL,
    "GDPR export": ["author"],
    notifications: SIGNED_IN,
    "e-mails": SIGNED_IN,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": MANAGERS,
    "commitments page": ALL,
    "CSV ideas": MANAGERS,
    "CSV stage history": MANAGERS,
    "CSV pilot KPIs": MANAGERS,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: ["ADMIN"], // an endpoint's payload is built with its owner as the viewer; only admins own one
    "API idea": ALL,
    "API comments": NOBODY, // it has no comment
    "API list": ALL,
    "API search": ALL,
    "API production": ALL,
    "open data CSV": ALL,
    "open data JSON": ALL,
    "follows page": SIGNED_IN,
    profile: ALL,
    "private profile": ["author", "ADMIN"],
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": ALL,
    "hackathon jury scores": MANAGERS,
  },
  hidden: {
    "idea page": HIDDEN_READERS,
    "idea page .data": HIDDEN_READERS,
    "space list": NOBODY,
    "space list .data": NOBODY,
    search: NOBODY,
    suggestions: NOBODY,
    "manager board": NOBODY,
    "manager board, filtered": NOBODY,
    "manager page": ["ADMIN"], // managers who are not moderators get a 404, like everyone else
    "merge targets": NOBODY,
    "evaluation page": ["ADMIN"],
    "en production": NOBODY,
    "home page": NOBODY, // the listed-ideas rule, for everyone, authors included
    "moderation queue": NOBODY, // a moderator's decision closed its flags: it left the queue
    sockets: HIDDEN_READERS, // its page's events, to the sockets of those who still see the page
    "GDPR export": ["author"],
    notifications: HIDDEN_READERS,
    "e-mails": HIDDEN_READERS,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": NOBODY,
    "commitments page": NOBODY,
    "CSV ideas": NOBODY,
    "CSV stage history": NOBODY,
    "CSV pilot KPIs": NOBODY,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: NOBODY, // listed content only; hidden and merged ideas travel as ids
    "API idea": HIDDEN_READERS,
    "API comments": NOBODY,
    "API list": NOBODY,
    "API search": NOBODY,
    "API production": NOBODY,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    "follows page": NOBODY,
    profile: NOBODY,
    "private profile": NOBODY,
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": ALL,
    "hackathon jury scores": MANAGERS,
  },
  merged: {
    "idea page": ALL, // its page leads to the target, which says what was merged into it
    "idea page .data": ALL,
    "space list": NOBODY,
    "space list .data": NOBODY,
    search: NOBODY,
    suggestions: NOBODY,
    "manager board": NOBODY,
    "manager board, filtered": NOBODY,
    "manager page": MANAGERS,
    "merge targets": NOBODY, // still PROPOSED, but merged
    "evaluation page": MANAGERS,
    "en production": NOBODY,
    "home page": NOBODY, // the listed-ideas rule, for everyone, authors included
    "moderation queue": NOBODY,
    sockets: ALL, // ids only: its open pages revalidate and are sent on to the target
    "GDPR export": ["author"],
    notifications: SIGNED_IN, // its followers are told it was merged
    "e-mails": SIGNED_IN,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": NOBODY,
    "commitments page": NOBODY,
    "CSV ideas": NOBODY,
    "CSV stage history": NOBODY,
    "CSV pilot KPIs": NOBODY,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: NOBODY, // listed content only; hidden and merged ideas travel as ids
    "API idea": NOBODY, // a 308 to its target, whose answer does not name it
    "API comments": NOBODY,
    "API list": NOBODY,
    "API search": NOBODY,
    "API production": NOBODY,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    "follows page": NOBODY,
    profile: NOBODY,
    "private profile": NOBODY,
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": ALL,
    "hackathon jury scores": MANAGERS,
  },
  "merged-then-hidden": {
    "idea page": HIDDEN_READERS,
    "idea page .data": HIDDEN_READERS,
    "space list": NOBODY,
    "space list .data": NOBODY,
    search: NOBODY,
    suggestions: NOBODY,
    "manager board": NOBODY,
    "manager board, filtered": NOBODY,
    "manager page": ["ADMIN"],
    "merge targets": NOBODY,
    "evaluation page": ["ADMIN"],
    "en production": NOBODY,
    "home page": NOBODY, // the listed-ideas rule, for everyone, authors included
    "moderation queue": NOBODY,
    sockets: HIDDEN_READERS,
    "GDPR export": ["author"],
    notifications: HIDDEN_READERS,
    "e-mails": HIDDEN_READERS,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": NOBODY,
    "commitments page": NOBODY,
    "CSV ideas": NOBODY,
    "CSV stage history": NOBODY,
    "CSV pilot KPIs": NOBODY,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: NOBODY, // listed content only; hidden and merged ideas travel as ids
    "API idea": NOBODY,
    "API comments": NOBODY,
    "API list": NOBODY,
    "API search": NOBODY,
    "API production": NOBODY,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    "follows page": NOBODY,
    profile: NOBODY,
    "private profile": NOBODY,
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": ALL,
    "hackathon jury scores": MANAGERS,
  },
  "hidden comment": {
    "idea page": HIDDEN_READERS,
    "idea page .data": HIDDEN_READERS,
    "space list": NOBODY, // neither its text nor a count that includes it
    "space list .data": NOBODY,
    search: NOBODY,
    suggestions: NOBODY,
    "manager board": NOBODY,
    "manager board, filtered": NOBODY,
    "manager page": NOBODY,
    "merge targets": NOBODY,
    "evaluation page": NOBODY,
    "en production": NOBODY,
    "home page": NOBODY, // the listed-ideas rule, for everyone, authors included
    "moderation queue": MODERATORS, // hidden pending review by reports: the queue shows it
    sockets: NOBODY,
    "GDPR export": ["author"],
    notifications: NOBODY,
    "e-mails": NOBODY,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": NOBODY,
    "commitments page": NOBODY,
    "CSV ideas": NOBODY,
    "CSV stage history": NOBODY,
    "CSV pilot KPIs": NOBODY,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: NOBODY, // listed content only; hidden and merged ideas travel as ids
    "API idea": NOBODY,
    "API comments": HIDDEN_READERS,
    "API list": NOBODY,
    "API search": NOBODY,
    "API production": NOBODY,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    "follows page": NOBODY,
    profile: NOBODY,
    "private profile": NOBODY,
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": ALL,
    "hackathon jury scores": MANAGERS,
  },
  scores: {
    "idea page": NOBODY,
    "idea page .data": NOBODY,
    "space list": NOBODY,
    "space list .data": NOBODY,
    search: NOBODY,
    suggestions: NOBODY,
    "manager board": NOBODY,
    "manager board, filtered": NOBODY,
    "manager page": NOBODY,
    "merge targets": MANAGERS, // an InnovAction idea under review: its managers may merge into it
    "evaluation page": MANAGERS,
    "en production": NOBODY,
    "home page": NOBODY, // the listed-ideas rule, for everyone, authors included
    "moderation queue": NOBODY,
    sockets: NOBODY,
    "GDPR export": NOBODY, // the evaluator's own export has it; no persona here evaluated
    notifications: NOBODY,
    "e-mails": NOBODY,
    // The managers' indicators (their pilots table) and CSV exports: like the board, never hidden or merged ideas.
    "indicators page": NOBODY,
    "commitments page": NOBODY,
    "CSV ideas": NOBODY,
    "CSV stage history": NOBODY,
    "CSV pilot KPIs": NOBODY,
    "suppliers page": NOBODY,
    "terms acceptances CSV": NOBODY,
    webhooks: NOBODY, // listed content only; hidden and merged ideas travel as ids
    "API idea": NOBODY,
    "API comments": NOBODY,
    "API list": NOBODY,
    "API search": NOBODY,
    "API production": NOBODY,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    "follows page": NOBODY,
    profile: NOBODY,
    "private profile": NOBODY,
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": INNOVACTION,
    "hackathon jury scores": MANAGERS,
  },
  // A supplier invited for a company, who accepted the supplier terms (docs/decisions/0024): the
  // invitations and who accepted the terms are for managers and admins only.
  invitation: {
    "idea page": NOBODY,
    "idea page .data": NOBODY,
    "space list": NOBODY,
    "space list .data": NOBODY,
    search: NOBODY,
    suggestions: NOBODY,
    "manager board": NOBODY,
    "manager board, filtered": NOBODY,
    "manager page": NOBODY,
    "merge targets": NOBODY,
    "evaluation page": NOBODY,
    "en production": NOBODY,
    "home page": NOBODY, // the listed-ideas rule, for everyone, authors included
    "moderation queue": NOBODY,
    sockets: NOBODY,
    "GDPR export": NOBODY,
    notifications: NOBODY,
    "e-mails": NOBODY, // the invitation goes to the invited address, no persona's
    "indicators page": NOBODY,
    "commitments page": NOBODY,
    "CSV ideas": NOBODY,
    "CSV stage history": NOBODY,
    "CSV pilot KPIs": NOBODY,
    "suppliers page": MANAGERS,
    "terms acceptances CSV": MANAGERS,
    webhooks: NOBODY, // listed content only; hidden and merged ideas travel as ids
    "API idea": NOBODY,
    "API comments": NOBODY,
    "API list": NOBODY,
    "API search": NOBODY,
    "API production": NOBODY,
    "open data CSV": NOBODY,
    "open data JSON": NOBODY,
    "follows page": NOBODY,
    profile: NOBODY,
    "private profile": NOBODY,
    // Hackathons (docs/decisions/0035): the hackathon of the content's space, its page and results
    // page; the jury's scores ("note moyenne") before results: managers only.
    "hackathon pages": INNOVACTION,
    "hackathon jury scores": MANAGERS,
  },
};

// --- fixtures -----------------------------------------------------------------------------------------

type Person = Awaited<ReturnType<typeof makeUser>>;
type Content = {
  /** In the title, body and comment of the content (or the comment, or the evaluator's note). */
  token: string;
  /** The idea that carries it. */
  ideaId: string;
  /** Pages to visit: the idea's own, and for a merged idea the target's. */
  pageIds: string[];
  space: { id: string; slug: string };
  /** What to look for in socket traffic (payloads carry ids, never text). */
  socketProbe: string;
  /** Text to type in the propose form to get suggestions. */
  typed: string;
  /** Text to type in a merge form's target search (default: `typed`). */
  mergeQuery?: string;
  /** A second way to see it, e.g. a count that includes it. */
  alsoSeen?: (body: string) => boolean;
};

let app: Awaited<ReturnType<typeof startTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** Each persona's webhook endpoint (as if they had registered it; only admins can). */
const endpoints = {} as Record<string, string>;
const people = {} as Record<Exclude<Persona, "anonymous">, Person>;
const clients = {} as Record<Persona, HttpClient>;
const content = {} as Record<ContentKind, Content>;
/** One idea under review per space, whose manager page searches for a merge target. */
const mergeSources = {} as Record<string, string>;
const sockets: LiveClient[] = [];
/** A hackathon per space, with a scored project (docs/decisions/0035-hackathons.md). */
const hackathons = {} as Record<string, { id: string; token: string }>;

const letters = (n: number) =>
  Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");
/** A made-up word: searchable, and found in a response only if that content is in it. */
const token = () => `zq${letters(10)}`;

async function makeFixtures() {
  const [internal, publicSpace] = await Promise.all([getSpace(SPACES.internal), getSpace(SPACES.public)]);
  const role = (r: Person["role"], grantedSpaces: string[] = []) => makeUser({ role: r, grantedSpaces });
  Object.assign(people, {
    PUBLIC: await role("PUBLIC"),
    SUPPLIER: await role("SUPPLIER"),
    "SUPPLIER+access": await role("SUPPLIER", [SPACES.internal]),
    EMPLOYEE: await role("EMPLOYEE"),
    MODERATOR: await role("MODERATOR"),
    MANAGER: await role("MANAGER"),
    ADMIN: await role("ADMIN"),
    author: await role("PUBLIC"),
  });
  // Everybody reads the day's news in one digest, sent after everything below happened.
  await prisma.notificationPreference.createMany({
    data: Object.values(people).flatMap((p) =>
      NOTIFICATION_TYPES.map((type) => ({ userId: p.id, type, email: "DIGEST" as const })),
    ),
  });
  // People outside the matrix who run things, so that no persona is "the one who acted" (not notified).
  const [pipelineManager, staffAuthor, colleague, evaluator, moderator] = await Promise.all([
    role("MANAGER"),
    role("EMPLOYEE"),
    role("EMPLOYEE"),
    role("EMPLOYEE"),
    role("MODERATOR"),
  ]);
  const followers = (spaceSlug: string) =>
    Object.entries(people)
      .filter(([p]) => spaceSlug === SPACES.public || INNOVACTION.includes(p as Persona))
      .map(([, person]) => person);
  const support = async (ideaId: string, spaceSlug: string) => {
    for (const person of followers(spaceSlug)) await setSupport({ user: person, ideaId, supported: true });
  };
  const idea = async (t: string, author: Person, spaceSlug: string = SPACES.public) =>
    makeIdea({
      author,
      space: spaceSlug,
      title: `Idée ${t} pour la matrice`,
      body: `Le texte de ${t}, assez long pour une idée.`,
      tags: [t],
    });
  const space = (slug: string) => (slug === SPACES.internal ? internal : publicSpace);
  const record = (
    kind: ContentKind,
    c: Omit<Content, "space" | "socketProbe" | "typed"> & Partial<Content>,
    slug: string,
  ) => (content[kind] = { space: space(slug), socketProbe: c.ideaId, typed: `Idée ${c.token} pour la matrice`, ...c });

  for (const slug of [SPACES.public, SPACES.internal]) {
    const t = token();
    const hour = 3_600_000;
    const { id } = await createHackathon({
      user: pipelineManager,
      space: space(slug),
      input: {
        title: `Hackathon ${t}`,
        cover: "Le hackathon de la matrice.",
        objective: "Construire avec les données ouvertes.",
        resources: undefined,
        place: "Paris",
        onlineUrl: undefined,
        registrationOpensAt: new Date(Date.now() - hour),
        registrationClosesAt: new Date(Date.now() + 24 * hour),
        startsAt: new Date(Date.now() - hour),
        endsAt: new Date(Date.now() + 48 * hour),
        submissionDeadline: new Date(Date.now() + 48 * hour),
        resultsAt: new Date(Date.now() + 72 * hour),
        capacity: 10,
        teamSizeMax: 3,
        mixedTeams: false,
        criteria: ["Impact"],
      },
    });
    hackathons[space(slug).id] = { id, token: t };
    const [builder, juror] = await Promise.all([role("EMPLOYEE"), role("EMPLOYEE")]);
    await registerForHackathon({ user: builder, hackathonId: id });
    const team = await createTeam({ user: builder, hackathonId: id, name: "Équipe de la matrice" });
    const { ideaId } = await submitProject({
      user: builder,
      teamId: team.id,
      input: { title: "Projet de la matrice", body: "Un projet de hackathon assez long.", repoUrl: undefined },
    });
    await addJuror({ user: pipelineManager, hackathonId: id, email: juror.email });
    await scoreProject({ user: juror, hackathonId: id, ideaId, scores: [4] });
  }
  for (const slug of [SPACES.public, SPACES.internal]) {
    mergeSources[space(slug).id] = (
      await makeIdea({ author: staffAuthor, space: slug, title: `Source de fusion ${letters(6)}` })
    ).id;
  }
  // An InnovAction idea in production, with a comment.
  {
    const t = token();
    const i = await idea(t, staffAuthor, SPACES.internal);
    await support(i.id, SPACES.internal);
    await addComment({ user: colleague, ideaId: i.id, body: `Un commentaire interne sur ${t}.` });
    await advanceIdea({ ideaId: i.id, manager: pipelineManager, to: "PRODUCTION" });
    record("innovaction", { token: t, ideaId: i.id, pageIds: [i.id] }, SPACES.internal);
  }
  // A public idea in production.
  {
    const t = token();
    const i = await idea(t, people.author);
    await support(i.id, SPACES.public);
    await advanceIdea({ ideaId: i.id, manager: pipelineManager, to: "PRODUCTION" });
    record("public", { token: t, ideaId: i.id, pageIds: [i.id] }, SPACES.public);
  }
  // A public idea in production, then hidden by a moderator.
  {
    const t = token();
    const i = await idea(t, people.author);
    await support(i.id, SPACES.public);
    await advanceIdea({ ideaId: i.id, manager: pipelineManager, to: "PRODUCTION" });
    await hideContent({ user: moderator, target: "idea", targetId: i.id, reason: "Hors charte" });
    record("hidden", { token: t, ideaId: i.id, pageIds: [i.id] }, SPACES.public);
  }
  // A public idea merged into another, with a comment that moves with it.
  {
    const t = token();
    const target = await makeIdea({ author: staffAuthor, title: `Idée d'accueil ${letters(6)}` });
    const i = await idea(t, people.author);
    await support(i.id, SPACES.public);
    await addComment({ user: colleague, ideaId: i.id, body: "Un commentaire qui suivra la fusion." });
    await mergeIdeas({ user: pipelineManager, sourceId: i.id, targetId: target.id, note: "Même proposition." });
    record("merged", { token: t, ideaId: i.id, pageIds: [i.id, target.id] }, SPACES.public);
  }
  // The same, then hidden: its title must not reach anyone but its author and moderators.
  {
    const t = token();
    const target = await makeIdea({ author: staffAuthor, title: `Idée d'accueil ${letters(6)}` });
    const i = await idea(t, people.author);
    await support(i.id, SPACES.public);
    await addComment({ user: colleague, ideaId: i.id, body: "Un commentaire qui suivra la fusion." });
    await mergeIdeas({ user: pipelineManager, sourceId: i.id, targetId: target.id });
    await hideContent({ user: moderator, target: "idea", targetId: i.id, reason: "Hors charte" });
    record("merged-then-hidden", { token: t, ideaId: i.id, pageIds: [i.id, target.id] }, SPACES.public);
  }
  // A comment hidden pending review (reported by enough people) on a visible idea with one visible comment.
  {
    const t = token();
    const host = await makeIdea({ author: staffAuthor, title: `Idée hôte ${letters(6)}` });
    await addComment({ user: colleague, ideaId: host.id, body: "Un commentaire visible." });
    const hiddenComment = await addComment({
      user: people.author,
      ideaId: host.id,
      body: `Un commentaire ${t} signalé.`,
    });
    const reporters = await Promise.all(Array.from({ length: env().FLAG_HIDE_THRESHOLD }, () => role("PUBLIC")));
    for (const reporter of reporters)
      await flagContent({ user: reporter, ideaId: host.id, input: { commentId: hiddenComment.id, reason: "ABUSE" } });
    const state = await prisma.comment.findUniqueOrThrow({
      where: { id: hiddenComment.id },
      select: { hiddenKind: true },
    });
    if (state.hiddenKind !== "PENDING_REVIEW") throw new Error("the reported comment should be hidden");
    record(
      "hidden comment",
      {
        token: t,
        ideaId: host.id,
        pageIds: [host.id],
        socketProbe: hiddenComment.id,
        typed: `Un commentaire ${t} signalé`,
        // Its host's card says "2 commentaires" when the count includes it (one visible comment).
        alsoSeen: (body) =>
          body
            .split(`/idees/${host.id}"`)
            .slice(1)
            .some((after) => /\b2 commentaires\b/.test(after.split(/<\/article>|<\/li>/)[0]!)),
      },
      SPACES.public,
    );
  }
  // Evaluator scores with a note, on an InnovAction idea under review written by the EMPLOYEE persona.
  {
    const t = token();
    const evaluated = `Idée évaluée ${letters(6)}`;
    const i = await makeIdea({ author: people.EMPLOYEE, space: SPACES.internal, title: evaluated });
    await moveIdeaToStage({ user: pipelineManager, ideaId: i.id, from: "PROPOSED", to: "UNDER_REVIEW", note: null });
    await assignEvaluator({ user: pipelineManager, ideaId: i.id, email: evaluator.email });
    await submitEvaluation({
      user: evaluator,
      ideaId: i.id,
      input: { impact: 5, feasibility: 4, cost: 2, alignment: 5, comment: `Note confidentielle ${t}.` },
    });
    record(
      "scores",
      {
        token: t,
        ideaId: i.id,
        pageIds: [i.id],
        socketProbe: t,
        typed: `Note confidentielle ${t}`,
        mergeQuery: evaluated,
      },
      SPACES.internal,
    );
  }
  // An invited supplier who accepted the supplier terms, their company named with the token.
  {
    const t = token();
    const email = `fournisseur-${t}@example.test`;
    await inviteSupplier({ viewer: people.ADMIN, email, company: `Entreprise ${t}` });
    const { userId } = await prisma.invitation.findFirstOrThrow({ where: { email }, select: { userId: true } });
    await prisma.invitation.updateMany({ where: { email }, data: { acceptedAt: new Date() } });
    await prisma.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() }, select: { id: true } });
    const { version } = await publishSupplierTerms({
      viewer: people.ADMIN,
      bodyFr: "Conditions de la matrice de visibilité.",
      bodyEn: "Terms of the visibility matrix.",
    });
    await acceptSupplierTerms({ viewer: { id: userId, role: "SUPPLIER", grantedSpaceIds: [] }, version });
    record("invitation", { token: t, ideaId: "none", pageIds: [], socketProbe: t, typed: t }, SPACES.internal);
  }
}

/** Every persona's socket listens to every room it may join; then every kind of event is published. */
let socketEvidence: Promise<Record<Persona, string>> | undefined;
function listenOnSockets() {
  socketEvidence ??= (async () => {
    const live = {} as Record<Persona, LiveClient>;
    for (const persona of PERSONAS) {
      const user = persona === "anonymous" ? null : people[persona];
      const cookie = user ? `idees_session=${(await createSession(user.id)).token}` : undefined;
      sockets.push((live[persona] = await connectLive(app.url, { cookie })));
    }
    const all = Object.values(content);
    for (const socket of Object.values(live)) {
      for (const c of all) {
        await socket.join(`space:${c.space.id}`);
        for (const id of c.pageIds) await socket.join(`idea:${id}`);
      }
    }
    // Ideas' events (the invitation is no idea: nothing of it is ever published).
    for (const c of all.filter((c) => c.pageIds.length > 0)) {
      const stage = (await prisma.idea.findUniqueOrThrow({ where: { id: c.ideaId }, select: { stage: true } })).stage;
      const ids = { ideaId: c.ideaId, spaceId: c.space.id };
      publish({ type: "idea:support", ...ids });
      publish({ type: "idea:comments", ...ids });
      publish({ type: "idea:updated", ...ids });
      publish({ type: "idea:stage", ...ids, stage });
    }
    const control = content.public.ideaId;
    await until(
      () => Object.values(live).every((s) => s.about(control).some((e) => e.name === "idea:stage")),
      "every socket hears the public idea",
    );
    await sleep(800); // anything that must not arrive would have by now
    const evidence = {} as Record<Persona, string>;
    for (const persona of PERSONAS) {
      const synced = await live[persona].sync(all.map((c) => c.ideaId));
      evidence[persona] = JSON.stringify({ events: live[persona].events, synced });
    }
    return evidence;
  })();
  return socketEvidence;
}

/** The daily digest of every persona, rendered and sent once everything happened. */
let mailEvidence: Promise<void> | undefined;
function sendDigests() {
  mailEvidence ??= (async () => {
    const now = new Date();
    const parisHour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", hourCycle: "h23" }).format(now),
    );
    // Digests go out from 7 a.m. (Paris); before that, ask as if it were 7:30 the same day.
    const digestTime = parisHour >= 7 ? now : new Date(now.getTime() + (7 - parisHour) * 3_600_000 + 1_800_000);
    await queueDailyDigests(digestTime);
    await expect
      .poll(
        async () => {
          await deliverPendingEmails();
          return prisma.emailOutbox.count({ where: { sentAt: null, failedAt: null } });
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(0);
    const digests = await prisma.emailOutbox.count({ where: { kind: "digest" } });
    if (digests < SIGNED_IN.length) throw new Error(`expected a digest per persona, got ${digests}`);
  })();
  return mailEvidence;
}

beforeAll(async () => {
  // Made before the app starts, with e-mail not yet configured: nothing is e-mailed at once, and the
  // digest below gathers it all, read at sending time through the recipient's visibility.
  await makeFixtures();
  smtp = await startSmtpServer();
  app = await startTestApp({ smtpUrl: smtp.url, appUrl: "https://idees.example.fr" });
  clients.anonymous = new HttpClient(app.url);
  receiver = await startWebhookReceiver();
  for (const [persona, person] of Object.entries(people)) {
    endpoints[persona] = (
      await prisma.webhookEndpoint.create({
        data: {
          id: newId(),
          ownerId: person.id,
          url: receiver.url(`/${encodeURIComponent(persona)}`),
          events: [],
          secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==",
        },
        select: { id: true },
      })
    ).id;
  }
  for (const [persona, person] of Object.entries(people)) {
    const c = new HttpClient(app.url);
    await c.signIn(person.email, person.password);
    clients[persona as Persona] = c;
  }
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
  await smtp?.close();
  await receiver?.close();
});

// --- surfaces: one row each ---------------------------------------------------------------------------

/** GET, following redirects with the same cookies (a merged idea's flash names it on the target). */
async function follow(c: HttpClient, path: string) {
  let res = await c.get(path);
  let body = await res.text();
  for (let hops = 0; hops < 3 && res.status >= 300 && res.status < 400; hops++) {
    const location = res.headers.get("location");
    if (!location || location.startsWith("/connexion")) break;
    res = await c.get(location);
    body += await res.text();
  }
  return body;
}
const text = async (res: Response) => res.text();

/** A persona's read-API answer (following a merged idea's 308 with the same token). */
const apiTokens = new Map<Persona, Promise<Record<string, string>>>();
async function api(p: Persona, path: string): Promise<string> {
  if (!apiTokens.has(p))
    apiTokens.set(
      p,
      p === "anonymous"
        ? Promise.resolve({})
        : createApiToken({ user: people[p], input: { name: "Matrice", lifetime: "30" } }).then(({ token }) => ({
            Authorization: `Bearer ${token}`,
          })),
    );
  const headers = await apiTokens.get(p)!;
  let res = await fetch(new URL(path, app.url), { headers, redirect: "manual" });
  if (res.status === 308) res = await fetch(new URL(res.headers.get("location")!, app.url), { headers });
  return res.text();
}

/** The open-data files, regenerated once now (as the hourly job would) so that they hold the fixtures. */
let openDataFresh: Promise<Date> | undefined;
async function openData(p: Persona, path: string): Promise<string> {
  await (openDataFresh ??= regenerateOpenData());
  return text(await clients[p].get(path));
}
const each = async (paths: string[], get: (path: string) => Promise<string>) =>
  (await Promise.all(paths.map(get))).join("\n");

/** The people who wrote the content: its ideas' authors and the authors of their comments. */
async function authorsOf(c: Content): Promise<string[]> {
  const [ideas, comments] = await Promise.all([
    prisma.idea.findMany({ where: { id: { in: c.pageIds } }, select: { authorId: true } }),
    prisma.comment.findMany({ where: { ideaId: { in: c.pageIds } }, select: { authorId: true } }),
  ]);
  return [...new Set([...ideas, ...comments].map((r) => r.authorId))];
}
const madePrivate = new Map<Content, Promise<unknown>>();
/** Their profile pages (/personnes/:id), as the persona sees them. */
const profiles = async (p: Persona, c: Content) =>
  each(
    (await authorsOf(c)).map((id) => `/personnes/${id}`),
    async (path) => text(await clients[p].get(path)),
  );

type Surface = {
  name: SurfaceName;
  /** What the persona receives for this content. */
  request: (persona: Persona, c: Content) => Promise<string>;
  /** What marks the content as present (default: its token). */
  needle?: (c: Content) => string;
};

/**
 * What the persona's webhook endpoint receives about the content: a delivery of each event that can
 * name it (edited, hidden, merged, and a comment on it), sent now by the delivery job itself, which
 * builds the payload with the endpoint's owner as the viewer.
 */
async function webhookDeliveries(persona: Persona, c: Content): Promise<string> {
  if (persona === "anonymous") return "";
  const base = { ideaId: c.ideaId, spaceId: c.space.id };
  const comments = await prisma.comment.findMany({
    where: { ideaId: { in: c.pageIds } },
    select: { id: true, ideaId: true },
  });
  const events: WebhookEvent[] = [
    { type: "idea.updated", ...base },
    { type: "idea.hidden", ...base },
    { type: "idea.merged", ...base, targetId: c.pageIds[1] },
    ...comments.map((m) => ({
      type: "comment.created" as const,
      ideaId: m.ideaId,
      commentId: m.id,
      spaceId: c.space.id,
    })),
  ];
  const ids: string[] = [];
  for (const event of events) {
    const id = `msg_${newId()}`;
    await prisma.webhookDelivery.create({
      data: {
        id,
        endpointId: endpoints[persona]!,
        eventId: newId(),
        eventType: event.type,
        data: event,
        occurredAt: new Date(),
      },
      select: { id: true },
    });
    await deliverWebhook(id);
    ids.push(id);
  }
  return receiver.received
    .filter((r) => ids.includes(String(r.headers["webhook-id"])))
    .map((r) => r.body)
    .join("\n");
}

const SURFACES: Surface[] = [
  { name: "webhooks", request: webhookDeliveries },
  { name: "idea page", request: (p, c) => each(c.pageIds, (id) => follow(clients[p], `/idees/${id}`)) },
  {
    name: "idea page .data",
    request: (p, c) => each(c.pageIds, async (id) => text(await clients[p].get(`/idees/${id}.data`))),
  },
  { name: "space list", request: async (p, c) => text(await clients[p].get(`/espaces/${c.space.slug}`)) },
  { name: "space list .data", request: async (p, c) => text(await clients[p].get(`/espaces/${c.space.slug}.data`)) },
  {
    // The page repeats the query, so a result is recognised by the link to its idea.
    name: "search",
    request: async (p, c) => text(await clients[p].get(`/recherche?q=${c.token}`)),
    needle: (c) => `/idees/${c.ideaId}"`,
  },
  {
    name: "suggestions",
    request: async (p, c) =>
      text(
        await clients[p].get(
          `/api/idees-similaires?espace=${c.space.slug}&titre=${encodeURIComponent(c.typed)}&texte=${c.token}`,
        ),
      ),
  },
  { name: "manager board", request: async (p) => text(await clients[p].get("/pilotage")) },
  {
    // The board's filters and paging (a forged cursor is the first page) look only among what may be listed.
    // The form repeats the tag typed, so a card is recognised by its anchor.
    name: "manager board, filtered",
    needle: (c) => `id="idee-${c.ideaId}"`,
    request: async (p, c) =>
      text(
        await clients[p].get(
          `/pilotage?espace=${c.space.slug}&mot-cle=${c.token}&anciennete=0&colonne=PRODUCTION&apres=forged`,
        ),
      ),
  },
  {
    name: "manager page",
    request: (p, c) => each(c.pageIds, async (id) => text(await clients[p].get(`/idees/${id}/pilotage`))),
  },
  {
    // The merge form's target search (ids only): from an idea under review of the content's space.
    name: "merge targets",
    request: async (p, c) =>
      text(
        await clients[p].get(
          `/api/idees/${mergeSources[c.space.id]}/cibles-fusion?q=${encodeURIComponent(c.mergeQuery ?? c.typed)}`,
        ),
      ),
    needle: (c) => `"id":"${c.ideaId}"`,
  },
  {
    name: "evaluation page",
    request: (p, c) => each(c.pageIds, async (id) => text(await clients[p].get(`/idees/${id}/evaluation`))),
  },
  { name: "en production", request: async (p) => text(await clients[p].get("/en-production")) },
  { name: "home page", request: async (p) => text(await clients[p].get("/")) },
  { name: "moderation queue", request: async (p) => text(await clients[p].get("/moderation")) },
  {
    name: "sockets",
    request: async (p) => (await listenOnSockets())[p],
    needle: (c) => c.socketProbe,
  },
  { name: "GDPR export", request: async (p) => text(await clients[p].post("/compte/donnees/export", {})) },
  { name: "notifications", request: async (p) => text(await clients[p].get("/notifications")) },
  { name: "indicators page", request: async (p) => text(await clients[p].get("/pilotage/indicateurs")) },
  {
    // The public record of a space (docs/decisions/0028) counts ideas and shows no title: an idea "shows"
    // when the page's count of ideas proposed includes it — the listed ideas of its space proposed in the
    // last twelve Paris months other than it, counted here by hand, plus one. Only idea contents apply.
    name: "commitments page",
    request: async (p, c) => {
      if (c.socketProbe !== c.ideaId) return "";
      const res = await clients[p].get(`/espaces/${c.space.slug}/engagements`);
      const shown = /data-testid="commitment-proposed"><strong>(\d+)<\/strong>/.exec(await res.text());
      const [others] = await prisma.$queryRaw<{ n: number }[]>`
        select count(*)::int as n from ideas
         where space_id = ${c.space.id} and id <> ${c.ideaId} and hidden_at is null and merged_into_id is null
           and created_at <= now()
           and (created_at at time zone 'Europe/Paris')::date
             > ((now() at time zone 'Europe/Paris')::date - interval '12 months')::date`;
      return shown && Number(shown[1]) === others!.n + 1 ? c.token : "";
    },
  },
  { name: "CSV ideas", request: async (p) => text(await clients[p].get("/pilotage/export/idees")) },
  { name: "CSV stage history", request: async (p) => text(await clients[p].get("/pilotage/export/historique")) },
  { name: "CSV pilot KPIs", request: async (p) => text(await clients[p].get("/pilotage/export/kpis")) },
  {
    name: "e-mails",
    request: async (p) => {
      await sendDigests();
      if (p === "anonymous") return "";
      return smtp
        .to(people[p].email)
        .map((m) => `${m.subject}\n${m.text}`)
        .join("\n");
    },
  },
  { name: "suppliers page", request: async (p) => text(await clients[p].get("/admin/fournisseurs")) },
  {
    name: "terms acceptances CSV",
    request: async (p) => text(await clients[p].get("/admin/fournisseurs/acceptations.csv")),
  },
  // The read API: anonymous callers without a token, each persona with a personal token of their own.
  { name: "API idea", request: (p, c) => each(c.pageIds, (id) => api(p, `/api/v1/ideas/${id}`)) },
  { name: "API comments", request: (p, c) => each(c.pageIds, (id) => api(p, `/api/v1/ideas/${id}/comments`)) },
  { name: "API list", request: (p, c) => api(p, `/api/v1/ideas?space=${c.space.slug}&tag=${c.token}`) },
  { name: "API search", request: (p, c) => api(p, `/api/v1/ideas?q=${c.token}`) },
  { name: "API production", request: (p) => api(p, "/api/v1/production") },
  { name: "open data CSV", request: async (p) => openData(p, "/donnees-ouvertes/idees.csv") },
  { name: "open data JSON", request: async (p) => openData(p, "/donnees-ouvertes/idees.json") },
  {
    // A hackathon of each space (its title carries a token of its own): the page, its data, its results.
    name: "hackathon pages",
    needle: (c) => hackathons[c.space.id]!.token,
    request: (p, c) =>
      each(
        [
          `/hackathons/${hackathons[c.space.id]!.id}`,
          `/hackathons/${hackathons[c.space.id]!.id}.data`,
          `/hackathons/${hackathons[c.space.id]!.id}/resultats`,
        ],
        async (path) => text(await clients[p].get(path)),
      ),
  },
  {
    // Before its results, the jury's average shows to the space's managers only.
    name: "hackathon jury scores",
    needle: () => "note moyenne",
    request: async (p, c) => text(await clients[p].get(`/hackathons/${hackathons[c.space.id]!.id}`)),
  },
  { name: "follows page", request: async (p) => text(await clients[p].get("/compte/suivis")) },
  { name: "profile", request: (p, c) => profiles(p, c) },
  {
    // The same authors' profiles, made private (once per content, before its personas ask; this is the
    // last surface and the tests of a file run in order, so no earlier row sees them private).
    name: "private profile",
    request: async (p, c) => {
      if (!madePrivate.has(c))
        madePrivate.set(
          c,
          authorsOf(c).then((ids) =>
            prisma.user.updateMany({ where: { id: { in: ids } }, data: { profilePrivate: true } }),
          ),
        );
      await madePrivate.get(c);
      return profiles(p, c);
    },
  },
];

// --- one test per (surface, content), asserting across personas -----------------------------------------

for (const surface of SURFACES) {
  for (const kind of CONTENTS) {
    test(`${surface.name} × ${kind}`, async () => {
      const c = content[kind];
      const needle = surface.needle?.(c) ?? c.token;
      const seenBy: Persona[] = [];
      const bodies = await Promise.all(PERSONAS.map((p) => surface.request(p, c)));
      for (const [i, body] of bodies.entries()) {
        if (body.includes(needle) || (needle === c.token && c.alsoSeen?.(body))) seenBy.push(PERSONAS[i]!);
      }
      const expected = PERSONAS.filter((p) => EXPECTED[kind][surface.name].includes(p));
      // On a leak, say where: the text around the first unexpected sighting.
      const leak = seenBy.find((p) => !expected.includes(p));
      const body = leak ? bodies[PERSONAS.indexOf(leak)]! : "";
      const at = body.indexOf(needle);
      const where = leak ? ` (${leak}: …${at >= 0 ? body.slice(Math.max(0, at - 80), at + 40) : "a count"}…)` : "";
      expect(seenBy, `who sees ${kind} on ${surface.name}${where}`).toEqual(expected);
    });
  }
}

test("the table covers every surface and content kind, and every surface shows something to someone", () => {
  // A guard against a matrix that passes because a surface shows nothing at all.
  for (const kind of CONTENTS) expect(Object.keys(EXPECTED[kind]).sort()).toEqual(SURFACES.map((s) => s.name).sort());
  const empty = SURFACES.filter((s) => CONTENTS.every((k) => EXPECTED[k][s.name].length === 0)).map((s) => s.name);
  expect(empty).toEqual([]);
});

// --- attachments (docs/decisions/0030-attachments-and-editor.md) ----------------------------------------
// Three kinds of files × their surfaces × every persona. A file's name carries its token: the idea page
// lists it by name, the API and search must never carry it, and the download (and thumbnail) answer 200
// only to whoever may see it (everyone else gets a 404). The confidential file is on an InnovAction idea
// whose assigned evaluator is the EMPLOYEE persona (the MODERATOR persona is staff but not an evaluator).

// Comment images (a comment's own upload): on an InnovAction idea, the idea's readers only; on a hidden
// comment (hidden after reports), its author and moderators only — never served to anyone else.
const ATTACHMENT_KINDS = [
  "public attachment",
  "InnovAction attachment",
  "confidential attachment",
  "InnovAction comment image",
  "hidden comment image",
] as const;
type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
const ATTACHMENT_SURFACES = ["download", "thumbnail", "idea page", "API idea", "search"] as const;
type AttachmentSurface = (typeof ATTACHMENT_SURFACES)[number];
const CONFIDENTIAL_READERS: Persona[] = ["EMPLOYEE", "MANAGER", "ADMIN"];

const ATTACHMENTS_EXPECTED: Record<AttachmentKind, Record<AttachmentSurface, Persona[]>> = {
  "public attachment": { download: ALL, thumbnail: ALL, "idea page": ALL, "API idea": NOBODY, search: NOBODY },
  "InnovAction attachment": {
    download: INNOVACTION,
    thumbnail: INNOVACTION,
    "idea page": INNOVACTION,
    "API idea": NOBODY,
    search: NOBODY,
  },
  "confidential attachment": {
    download: CONFIDENTIAL_READERS,
    thumbnail: CONFIDENTIAL_READERS,
    "idea page": CONFIDENTIAL_READERS,
    "API idea": NOBODY,
    search: NOBODY,
  },
  "InnovAction comment image": {
    download: INNOVACTION,
    thumbnail: INNOVACTION,
    "idea page": INNOVACTION,
    "API idea": NOBODY,
    search: NOBODY,
  },
  "hidden comment image": {
    download: HIDDEN_READERS,
    thumbnail: HIDDEN_READERS,
    "idea page": HIDDEN_READERS,
    "API idea": NOBODY,
    search: NOBODY,
  },
};

const attached = {} as Record<AttachmentKind, { token: string; ideaId: string; attachmentId: string }>;

async function attachImage(options: {
  uploader: Person;
  ideaId: string;
  confidential?: boolean;
  /** Uploaded with a new comment (its own image) instead of to the idea. */
  inComment?: boolean;
}): Promise<{ token: string; attachmentId: string; commentId?: string }> {
  const { attachFiles } = await import("~/models/attachment.server.ts");
  const sharp = (await import("sharp")).default;
  const { mkdtemp, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const pathModule = await import("node:path");
  const folder = await mkdtemp(pathModule.join(tmpdir(), "matrix-upload-"));
  const file = pathModule.join(folder, "f0");
  const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#0a0" } })
    .png()
    .toBuffer();
  await writeFile(file, bytes);
  const t = token();
  const files = [{ field: "fichiers", clientName: `${t}.png`, path: file, size: bytes.length, truncated: false }];
  if (options.inComment) {
    const { addComment } = await import("~/models/comment.server.ts");
    const comment = await addComment({
      user: options.uploader,
      ideaId: options.ideaId,
      body: "Une capture d'écran.",
      files: { files, keptIds: [] },
    });
    const image = await prisma.attachment.findFirstOrThrow({ where: { commentId: comment.id }, select: { id: true } });
    return { token: t, attachmentId: image.id, commentId: comment.id };
  }
  const { ids } = await attachFiles({
    user: options.uploader,
    ideaId: options.ideaId,
    files,
    confidential: options.confidential,
  });
  return { token: t, attachmentId: ids[0]! };
}

beforeAll(async () => {
  const supplier = await makeUser({ role: "SUPPLIER", grantedSpaces: [SPACES.internal] });
  const publicIdea = await makeIdea({ author: people.author, title: `Idée avec pièce jointe ${token()}` });
  const internalIdea = await makeIdea({ author: supplier, space: SPACES.internal });
  await prisma.evaluationAssignment.create({ data: { ideaId: internalIdea.id, evaluatorId: people.EMPLOYEE.id } });
  attached["public attachment"] = {
    ideaId: publicIdea.id,
    ...(await attachImage({ uploader: people.author, ideaId: publicIdea.id })),
  };
  attached["InnovAction attachment"] = {
    ideaId: internalIdea.id,
    ...(await attachImage({ uploader: supplier, ideaId: internalIdea.id })),
  };
  attached["confidential attachment"] = {
    ideaId: internalIdea.id,
    ...(await attachImage({ uploader: supplier, ideaId: internalIdea.id, confidential: true })),
  };
  attached["InnovAction comment image"] = {
    ideaId: internalIdea.id,
    ...(await attachImage({ uploader: supplier, ideaId: internalIdea.id, inComment: true })),
  };
  // The author persona's comment image on a public idea, then the comment hidden by a moderator.
  const hostIdea = await makeIdea({ author: supplier, title: `Idée hôte d'une image ${token()}` });
  const hidden = await attachImage({ uploader: people.author, ideaId: hostIdea.id, inComment: true });
  const moderator = await makeUser({ role: "MODERATOR" });
  await hideContent({ user: moderator, target: "comment", targetId: hidden.commentId!, reason: "Hors charte" });
  attached["hidden comment image"] = { ideaId: hostIdea.id, ...hidden };
});

const statusAsText = async (res: Response) => {
  await res.arrayBuffer();
  return res.status === 200 ? "shown" : String(res.status);
};

const attachmentSurfaces: Record<
  AttachmentSurface,
  (p: Persona, a: (typeof attached)[AttachmentKind]) => Promise<boolean>
> = {
  download: async (p, a) => (await statusAsText(await clients[p].get(`/pieces-jointes/${a.attachmentId}`))) === "shown",
  thumbnail: async (p, a) =>
    (await statusAsText(await clients[p].get(`/pieces-jointes/${a.attachmentId}/miniature`))) === "shown",
  "idea page": async (p, a) => (await text(await clients[p].get(`/idees/${a.ideaId}`))).includes(a.token),
  "API idea": async (p, a) => (await api(p, `/api/v1/ideas/${a.ideaId}`)).includes(a.token),
  search: async (p, a) => (await text(await clients[p].get(`/recherche?q=${a.token}`))).includes(`${a.token}.png`),
};

for (const surface of ATTACHMENT_SURFACES) {
  for (const kind of ATTACHMENT_KINDS) {
    test(`attachments: ${surface} × ${kind}`, async () => {
      const a = attached[kind];
      const seen = await Promise.all(PERSONAS.map((p) => attachmentSurfaces[surface](p, a)));
      const seenBy = PERSONAS.filter((_, i) => seen[i]);
      // Whoever may not see a file gets a 404, never a 403 (its existence is not told either).
      if (surface === "download")
        for (const p of PERSONAS.filter((q) => !seenBy.includes(q)))
          expect((await clients[p].get(`/pieces-jointes/${a.attachmentId}`)).status, p).toBe(404);
      expect(seenBy, `who sees the ${kind} on ${surface}`).toEqual(
        PERSONAS.filter((p) => ATTACHMENTS_EXPECTED[kind][surface].includes(p)),
      );
    });
  }
}

// --- avatars (docs/decisions/0039-avatars.md) ---------------------------------------------------------------
// A picture goes where its person's name goes, except that a private profile shows the name only (to all
// but themselves and admins). Three owners: someone with a public profile who wrote on a public idea,
// someone with a public profile who wrote on an InnovAction idea (the picture is public, the idea is not),
// and the "author" persona with a private profile (set here: these tests run after every row above).
// A surface shows the picture when its URL (/avatars/<id>/…) is in what the persona receives; the
// downloads answer 200 or 404. The read API carries no picture at all.

const AVATAR_KINDS = ["public profile avatar", "avatar on InnovAction content", "private profile avatar"] as const;
type AvatarKind = (typeof AVATAR_KINDS)[number];
const AVATAR_SURFACES = ["download 256", "download 64", "profile", "idea page", "API idea", "API comments"] as const;
type AvatarSurface = (typeof AVATAR_SURFACES)[number];
const SELF_AND_ADMINS: Persona[] = ["author", "ADMIN"];

const AVATARS_EXPECTED: Record<AvatarKind, Record<AvatarSurface, Persona[]>> = {
  "public profile avatar": {
    "download 256": ALL,
    "download 64": ALL,
    profile: ALL,
    "idea page": ALL, // next to the idea's author and to the comment's
    "API idea": NOBODY,
    "API comments": NOBODY,
  },
  "avatar on InnovAction content": {
    "download 256": ALL,
    "download 64": ALL,
    profile: ALL,
    "idea page": INNOVACTION,
    "API idea": NOBODY,
    "API comments": NOBODY,
  },
  "private profile avatar": {
    "download 256": SELF_AND_ADMINS,
    "download 64": SELF_AND_ADMINS,
    profile: SELF_AND_ADMINS,
    "idea page": SELF_AND_ADMINS,
    "API idea": NOBODY,
    "API comments": NOBODY,
  },
};

const avatars = {} as Record<AvatarKind, { avatarId: string; ownerId: string; ideaId: string }>;

async function giveAvatar(owner: Person, space: string) {
  const { setAvatar } = await import("~/models/avatar.server.ts");
  const sharp = (await import("sharp")).default;
  const { mkdtemp, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const pathModule = await import("node:path");
  const file = pathModule.join(await mkdtemp(pathModule.join(tmpdir(), "matrix-avatar-")), "f0");
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#a0a" } })
    .png()
    .toBuffer();
  await writeFile(file, bytes);
  const { avatarId } = await setAvatar({
    user: owner,
    files: [{ field: "avatar", clientName: "moi.png", path: file, size: bytes.length, truncated: false }],
    maxFileBytes: 1024 * 1024,
  });
  // The owner wrote an idea of that space, and commented on it.
  const idea = await makeIdea({ author: owner, space });
  await addComment({ user: owner, ideaId: idea.id, body: `Un avis ${token()}` });
  return { avatarId, ownerId: owner.id, ideaId: idea.id };
}

let avatarsReady: Promise<void> | undefined;
const prepareAvatars = () =>
  (avatarsReady ??= (async () => {
    avatars["public profile avatar"] = await giveAvatar(await makeUser({ role: "EMPLOYEE" }), SPACES.public);
    avatars["avatar on InnovAction content"] = await giveAvatar(await makeUser({ role: "EMPLOYEE" }), SPACES.internal);
    avatars["private profile avatar"] = await giveAvatar(people.author, SPACES.public);
    await prisma.user.update({ where: { id: people.author.id }, data: { profilePrivate: true }, select: { id: true } });
  })());

const avatarSurfaces: Record<AvatarSurface, (p: Persona, a: (typeof avatars)[AvatarKind]) => Promise<boolean>> = {
  "download 256": async (p, a) => (await statusAsText(await clients[p].get(`/avatars/${a.avatarId}/256`))) === "shown",
  "download 64": async (p, a) => (await statusAsText(await clients[p].get(`/avatars/${a.avatarId}/64`))) === "shown",
  profile: async (p, a) =>
    (await text(await clients[p].get(`/personnes/${a.ownerId}`))).includes(`/avatars/${a.avatarId}/`),
  "idea page": async (p, a) =>
    (await text(await clients[p].get(`/idees/${a.ideaId}`))).includes(`/avatars/${a.avatarId}/`),
  "API idea": async (p, a) => (await api(p, `/api/v1/ideas/${a.ideaId}`)).includes(a.avatarId),
  "API comments": async (p, a) => (await api(p, `/api/v1/ideas/${a.ideaId}/comments`)).includes(a.avatarId),
};

for (const surface of AVATAR_SURFACES) {
  for (const kind of AVATAR_KINDS) {
    test(`avatars: ${surface} × ${kind}`, async () => {
      await prepareAvatars();
      const a = avatars[kind];
      const seen = await Promise.all(PERSONAS.map((p) => avatarSurfaces[surface](p, a)));
      const seenBy = PERSONAS.filter((_, i) => seen[i]);
      // Whoever may not see a picture gets a 404, like a missing one.
      if (surface === "download 256")
        for (const p of PERSONAS.filter((q) => !seenBy.includes(q)))
          expect((await clients[p].get(`/avatars/${a.avatarId}/256`)).status, p).toBe(404);
      expect(seenBy, `who sees the ${kind} on ${surface}`).toEqual(
        PERSONAS.filter((p) => AVATARS_EXPECTED[kind][surface].includes(p)),
      );
    });
  }
}
