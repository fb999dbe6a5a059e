// The server copies of the router packages are patched (patches/, docs/decisions/0041-router-work-once-per-build.md):
// a routes array is converted, flattened and ranked once, not on every request. These tests fail when the
// patches are not applied (npm install runs patch-package) or when a cache outlives a change of the routes.
// They load the packages with Node's require, as the production server does (the CommonJS files that were
// patched); an `import` here would go through Vite's resolver, which picks the untouched ES module copies.
import { createRequire } from "node:module";
import { expect, test } from "vitest";

const require = createRequire(import.meta.url);
const { createMemoryHistory, createRouter, matchRoutes } =
  require("@remix-run/router") as typeof import("@remix-run/router");
const { createStaticHandler, createStaticRouter } =
  require("react-router-dom/server") as typeof import("react-router-dom/server");

test("the static router converts a routes array once and reuses its data routes", async () => {
  const routes = [{ id: "root", path: "/", children: [{ id: "idea", path: "idees/:id" }] }];
  const context = await createStaticHandler(routes).query(new Request("http://localhost/idees/42"));
  if (context instanceof Response) throw new Error("expected a static handler context");

  const first = createStaticRouter(routes, context);
  const second = createStaticRouter(routes, context);

  expect(second.routes).toBe(first.routes);
  expect(second.state.matches.map((m) => m.route)).toEqual(first.state.matches.map((m) => m.route));
  expect(matchRoutes(second.routes, "/idees/7")?.map((m) => [m.route.id, m.params])).toEqual([
    ["root", { id: "7" }],
    ["idea", { id: "7" }],
  ]);
});

test("routes patched into a tree in place are matched although its branches were already ranked", () => {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ id: "root", path: "/", children: [] }] });
  const tree = router.routes;
  expect(matchRoutes(tree, "/nouvelle")).toBeNull();

  // patchRoutes pushes into root's children array, which `tree` shares with the router's new array.
  router.patchRoutes("root", [{ id: "new", path: "nouvelle" }]);

  expect(matchRoutes(tree, "/nouvelle")?.map((m) => m.route.id)).toEqual(["root", "new"]);
  expect(matchRoutes(router.routes, "/nouvelle")?.map((m) => m.route.id)).toEqual(["root", "new"]);
});

test("the document's route manifest matches each parent path of a routes array once (docs/decisions/0047)", () => {
  const { getPartialManifest } = require("@remix-run/react/dist/fog-of-war.js") as {
    getPartialManifest: (manifest: unknown, router: unknown) => { routes: Record<string, unknown> };
  };
  const routerModule = require("@remix-run/router") as { matchRoutes: typeof matchRoutes };
  const routes = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "space", path: "espaces/:slug" },
      ],
    },
  ];
  const manifest = { version: "1", routes: { root: { id: "root" }, home: { id: "home" }, space: { id: "space" } } };
  const router = { routes, basename: "/", state: { location: { pathname: "/espaces/x" }, matches: [] as unknown[] } };
  router.state.matches = matchRoutes(routes, "/espaces/x") ?? [];
  const original = routerModule.matchRoutes;
  const asked: string[] = [];
  routerModule.matchRoutes = ((r: never, location: string, basename?: string) => {
    asked.push(location);
    return original(r, location, basename);
  }) as typeof matchRoutes;
  try {
    const first = getPartialManifest(manifest, router);
    const second = getPartialManifest(manifest, router);
    // "/" brings the index route (a parent's pathless and index children belong in the first manifest).
    expect(Object.keys(first.routes).sort()).toEqual(["home", "root", "space"]);
    expect(second.routes).toEqual(first.routes);
    expect(asked).toEqual(["/", "/espaces"]);
  } finally {
    routerModule.matchRoutes = original;
  }
});
