// What each read-API endpoint answers (docs/decisions/0026-read-api.md): the existing models, asked
// with the caller's Viewer — the same policy, listings, sorts and page models as the pages — and shaped
// into the API's objects. The response schemas (./schemas.ts) strip whatever else a model returns.
import { getHackathonPage } from "../hackathon-page.server.ts";
import type { Viewer } from "~/auth/policy.ts";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server.ts";
import { listComments, type CommentView } from "../comment.server.ts";
import { listSpaceChallenges } from "../challenge.server.ts";
import { RuleBroken } from "../errors.ts";
import { listIdeas } from "../idea-list.server.ts";
import { getIdeaPage } from "../idea-page.server.ts";
import type { IdeaSort } from "../idea.ts";
import { getSpaceFigures } from "../indicators.server.ts";
import { getIdeaPipeline, listProductionIdeas } from "../pipeline.server.ts";
import { searchIdeas } from "../search.server.ts";
import { MARK_END, MARK_START, SEARCH_MAX_PAGE } from "../search.ts";
import { listVisibleSpaces, requireVisibleSpace, visibleSpaces } from "../space.server.ts";
import { z } from "zod";
import { API_BASE, ENDPOINTS } from "./openapi.ts";
import type { ChallengeListQuery, IdeaListQuery } from "./schemas.ts";

/** A parameter the caller got wrong: a 400 whose problem names it. */
const badParam = (name: string, key: Parameters<typeof ruleKey>[0]) => new RuleBroken(ruleKey(key), { field: name });
const ruleKey = (key: "spaceOrQuery" | "relevanceNeedsQuery" | "queryIsRelevance" | "badCursor") =>
  `api.problem.${key}` as const;

export async function apiSpaces(viewer: Viewer) {
  return { items: await listVisibleSpaces(viewer) };
}

export async function apiSpaceFigures(viewer: Viewer, slug: string) {
  return getSpaceFigures({ viewer, space: await requireVisibleSpace(viewer, slug) });
}

// The API's cursor wraps the page's: which listing it continues, and where.
const ApiCursor = z.union([
  z.object({ k: z.literal("list"), s: z.string(), c: z.string().max(200) }),
  z.object({ k: z.literal("search"), p: z.number().int().min(2).max(SEARCH_MAX_PAGE) }),
]);
const unmark = (s: string) => s.replaceAll(MARK_START, "").replaceAll(MARK_END, "");

/** A page of ideas: a space's listing (filters and sorts of its page) or a search (by relevance). */
export async function apiIdeas(viewer: Viewer, query: z.output<typeof IdeaListQuery>) {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, ApiCursor);
  if (query.cursor !== undefined && !cursor) throw badParam("cursor", "badCursor");
  const nextLink = (next: z.input<typeof ApiCursor>) => {
    const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== "cursor" && v !== undefined));
    params.set("cursor", encodeCursor(next));
    return `${API_BASE}${ENDPOINTS.ideas.path}?${params.toString()}`;
  };
  if (query.q !== undefined) {
    if (query.sort !== undefined && query.sort !== "relevance") throw badParam("sort", "queryIsRelevance");
    if (cursor && cursor.k !== "search") throw badParam("cursor", "badCursor");
    const page = cursor?.k === "search" ? cursor.p : 1;
    const found = await searchIdeas({
      viewer,
      params: {
        q: query.q,
        espace: query.space ?? null,
        etape: query.stage ?? null,
        motcle: query.tag?.toLocaleLowerCase("fr") ?? null,
        defi: query.challenge ?? null,
        page,
      },
    });
    // Search ignores an unknown or invisible space (no leak either way); the API says 404 like the listing.
    if (query.space) await requireVisibleSpace(viewer, query.space);
    return {
      items: found.items.map((hit) => ({
        ...hit,
        space: hit.space.slug,
        title: unmark(hit.title),
        excerpt: hit.snippet,
      })),
      next: found.hasNext && page < SEARCH_MAX_PAGE ? nextLink({ k: "search", p: page + 1 }) : null,
    };
  }
  if (!query.space) throw badParam("space", "spaceOrQuery");
  if (query.sort === "relevance") throw badParam("sort", "relevanceNeedsQuery");
  const sort: IdeaSort = query.sort ?? "hot";
  if (cursor && (cursor.k !== "list" || cursor.s !== sort)) throw badParam("cursor", "badCursor");
  const space = await requireVisibleSpace(viewer, query.space);
  const page = await listIdeas({
    viewer,
    space,
    sort,
    cursor: cursor?.k === "list" ? cursor.c : null,
    stage: query.stage ?? null,
    challengeId: query.challenge ?? null,
    tag: query.tag?.toLocaleLowerCase("fr") ?? null,
  });
  return {
    items: page.items.map((idea) => ({ ...idea, space: space.slug })),
    next: page.nextCursor ? nextLink({ k: "list", s: sort, c: page.nextCursor }) : null,
  };
}

/** One idea as its page shows it (a merged idea: MergedInto, which the API answers with a 308). */
export async function apiIdea(viewer: Viewer, ideaId: string) {
  const idea = await getIdeaPage(viewer, ideaId, { withSource: true });
  const pipeline = await getIdeaPipeline(viewer, ideaId);
  return {
    ...idea,
    hidden: idea.hidden !== null,
    stageHistory: pipeline.timeline,
    pilot: pipeline.pilot,
    production: pipeline.rollout,
  };
}

const comment = (c: CommentView) => ({ ...c, author: c.deleted || c.masked ? null : c.author });

export async function apiComments(viewer: Viewer, ideaId: string) {
  const roots = await listComments(viewer, ideaId);
  return { items: roots.map((c) => ({ ...comment(c), replies: c.replies.map(comment) })) };
}

export async function apiChallenges(viewer: Viewer, query: z.output<typeof ChallengeListQuery>) {
  const spaces = query.space ? [await requireVisibleSpace(viewer, query.space)] : await visibleSpaces(viewer);
  const lists = await Promise.all(
    spaces.map(async (space) => {
      const { open, upcoming, past } = await listSpaceChallenges(viewer, space);
      return [...open, ...upcoming, ...past].map((c) => ({ ...c, space: space.slug }));
    }),
  );
  return { items: lists.flat() };
}

export async function apiProduction(viewer: Viewer) {
  const ideas = await listProductionIdeas(viewer);
  return { items: ideas.map((idea) => ({ ...idea, production: idea.rollout })) };
}

/** A hackathon through the page's own reading (docs/decisions/0035-hackathons.md): the same policy, the same privacy of scores. */
export async function apiHackathon(viewer: Viewer, hackathonId: string) {
  const page = await getHackathonPage(viewer, hackathonId);
  const { hackathon: h } = page;
  const published = h.phase === "results";
  return {
    id: h.id,
    space: page.space.slug,
    title: h.title,
    cover: h.cover,
    objectiveHtml: h.objectiveHtml,
    place: h.place,
    onlineUrl: h.onlineUrl,
    schedule: h.schedule,
    phase: h.phase,
    capacity: h.capacity,
    teamSizeMax: h.teamSizeMax,
    mixedTeams: h.mixedTeams,
    criteria: h.criteria,
    counts: page.counts,
    projects: page.teams.flatMap((t) =>
      t.idea
        ? [
            {
              ideaId: t.idea.id,
              title: t.idea.title,
              team: t.name,
              award: t.award,
              averageScore: published ? t.average : null,
            },
          ]
        : [],
    ),
    resultsHtml: h.resultsHtml || null,
  };
}
