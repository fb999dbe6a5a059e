// Read-API figure for `npm run bench` (docs/decisions/0026-read-api.md): API list requests/s next to the
// server-rendered list page they mirror — the same space, sort and listing model (anonymous, "most
// supported", 20 ideas with exact counts); the API adds its rate-limit counter, the response schema and
// an ETag, and renders no HTML.
type Stats = { rps: number };

export async function apiListPhase<S extends Stats>(options: {
  base: string;
  seconds: number;
  load: (concurrency: number, seconds: number, task: (i: number) => Promise<boolean>) => Promise<S>;
  fmt: (s: S) => string;
}): Promise<void> {
  const { base, seconds, load, fmt } = options;
  const get = (path: string) => async () => {
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    return res.ok;
  };
  const api = get("/api/v1/ideas?space=emploi-store-idees&sort=top");
  await load(8, 2, api); // warm-up
  console.log(`\nRead API next to the HTML list page (anonymous, "most supported", 20 ideas), concurrency 16:`);
  const html = await load(16, seconds, get("/espaces/emploi-store-idees?tri=top"));
  console.log(`  HTML page  ${fmt(html)}`);
  const json = await load(16, seconds, api);
  console.log(`  API        ${fmt(json)}`);
  console.log(`  → the API serves ${(json.rps / html.rps).toFixed(1)}× the HTML page's requests/s`);
}
