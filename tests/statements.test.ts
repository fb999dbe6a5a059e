// Database statements per request type, counted by the app's pool inside each request's scope
// (app/lib/request-scope.server.ts). The numbers are asserted exactly, so that one more statement on a
// hot path is a decision someone makes (and writes down), not a drift. docs/decisions/0032.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { FinishedRequest } from "../server.ts";
import { makeComment, makeIdea, makeUser } from "./factories.ts";
import { startTestApp } from "./support/app.ts";
import { HttpClient } from "./support/http-client.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const finished: FinishedRequest[] = [];

beforeAll(async () => {
  app = await startTestApp({ onRequestFinished: (r) => finished.push(r) });
});
afterAll(async () => {
  await app?.close();
});

/**
 * The statements the app ran for one request (the report comes when the response is finished). `warm`
 * (by default the same request) runs just before it, so that the per-process caches (spaces for 5 s,
 * challenges) are fresh however slowly a loaded machine runs the test: the figures are the steady state.
 */
async function statementsOf(
  path: string,
  send: (path: string) => Promise<Response>,
  warm: (path: string) => Promise<Response> = send,
) {
  await (await warm(path)).arrayBuffer();
  finished.length = 0;
  const response = await send(path);
  await response.arrayBuffer();
  const mine = () => finished.filter((r) => r.url === path);
  for (let i = 0; i < 50 && mine().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(mine(), JSON.stringify(finished)).toHaveLength(1);
  return { status: response.status, statements: mine()[0]!.statements };
}

test("statements per request: list page, idea page and vote, anonymous and signed in", async () => {
  const author = await makeUser();
  const idea = await makeIdea({ author });
  for (let i = 0; i < 3; i++) await makeComment({ author, idea });
  const anonymous = new HttpClient(app.url);
  const voter = await makeUser();
  const signedIn = new HttpClient(app.url);
  await signedIn.signIn(voter.email, voter.password);
  const counts = {
    listAnonymous: await statementsOf("/espaces/emploi-store-idees", (p) => anonymous.get(p)),
    listSignedIn: await statementsOf("/espaces/emploi-store-idees", (p) => signedIn.get(p)),
    ideaAnonymous: await statementsOf(`/idees/${idea.id}`, (p) => anonymous.get(p)),
    ideaSignedIn: await statementsOf(`/idees/${idea.id}`, (p) => signedIn.get(p)),
    vote: await statementsOf(
      `/idees/${idea.id}`,
      (p) => signedIn.post(p, { intent: "support" }),
      (p) => signedIn.get(p),
    ),
    voteWithJavaScript: await statementsOf(
      `/idees/${idea.id}.data`,
      (p) => signedIn.post(p, { intent: "unsupport", reply: "state" }),
      (p) => signedIn.get(p),
    ),
    homeAnonymous: await statementsOf("/", (p) => anonymous.get(p)),
    homeSignedIn: await statementsOf("/", (p) => signedIn.get(p)),
  };
  console.log(counts);
  expect(counts).toEqual({
    // The list, the space's challenges (open and past) and its follow line: one statement, one round trip
    // (docs/decisions/0055; they were three). Signed in, the session and the header's unread count.
    listAnonymous: { status: 200, statements: 1 },
    listSignedIn: { status: 200, statements: 3 },
    // The idea page reads its access facts, its followers (docs/decisions/0031), its waits (response
    // status) and the ideas merged into it in its own statement (docs/decisions/0059; they were four
    // statements, then two), the viewer's open reports on the comments with the comments
    // (docs/decisions/0049); its journey in one more.
    ideaAnonymous: { status: 200, statements: 3 },
    ideaSignedIn: { status: 200, statements: 5 },
    // The vote without JavaScript: the session, its rate limits with the idea's access facts (one statement,
    // docs/decisions/0042), the insert (docs/decisions/0048); answered 303, the page's reload not counted.
    vote: { status: 303, statements: 3 },
    // The support box's vote: the same three, then the viewer's state and the exact count read after the
    // commit; its answer replaces the reload of the whole page (docs/decisions/0056).
    voteWithJavaScript: { status: 200, statements: 4 },
    // The home page: one statement for everyone's blocks, one for the person's own (app/models/home.server.ts);
    // signed in, the session and the header's unread count as on every page.
    homeAnonymous: { status: 200, statements: 1 },
    homeSignedIn: { status: 200, statements: 4 },
  });
});
