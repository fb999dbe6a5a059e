// `npm run seed:scale -- --ideas 100000 --votes 5000000 [--comments N] [--people N]`: adds agency-scale
// data (realistic French ideas from word lists, skewed votes and comments) to the development database,
// with a progress bar. Ids are prefixed "scale-"; run it on a database without them.
import pg from "pg";
import { resolveDatabase } from "./lib/database.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return value;
};

const db = await resolveDatabase({ dataDir: ".data/postgres", database: "idees" });
try {
  const { applyMigrations } = await import("./lib/schema-engine.ts");
  await applyMigrations(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query("select 1 from ideas where id like 'scale-%' limit 1");
    if (rows.length) {
      console.log("This database already holds scale data (ids scale-…): nothing added.");
    } else {
      const { seedScale } = await import("./lib/scale-data.ts");
      const ideas = arg("ideas") ?? 100_000;
      const votes = arg("votes") ?? 5_000_000;
      console.log(`Seeding ${ideas.toLocaleString("fr-FR")} ideas and about ${votes.toLocaleString("fr-FR")} votes…`);
      const result = await seedScale(client, { ideas, votes, comments: arg("comments"), people: arg("people") });
      console.log(
        `Done in ${result.seconds.toFixed(0)} s: ${result.ideas} ideas, ${result.people} people, ${result.votes} votes, ${result.comments} comments.`,
      );
    }
  } finally {
    await client.end();
  }
} finally {
  await db.stop();
}
