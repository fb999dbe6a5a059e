// Participation figures of the managers' indicators (docs/decisions/0025-indicators-and-exports.md and
// 0038-participation-rollup.md): distinct people per Paris month who proposed, supported or commented
// (visible comments) a listed idea of the scope, by audience (their account's role today), and distinct
// participants per agency. The page reads the monthly roll-up `participation_months`, kept by database
// triggers; the direct statements over the acts stay here as the reference the roll-up must equal
// (tests/participation-rollup.test.ts compares them).
import { pool } from "~/lib/db.server.ts";
import { periodSql, runIndicatorStatement, scopeSql, type IndicatorScope } from "./indicator-sql.server.ts";
import { audienceOf, shapeParticipation, type ParticipationRow } from "./indicators.ts";

type RoleRow = {
  month: string;
  role: string;
  participants: number;
  proposers: number;
  supporters: number;
  commenters: number;
};
type AgencyRow = { agency: string; people: number };

/**
 * The roll-up's rows (month, person, kind) in the scope and period, in two parts. The period is whole
 * Paris days (resolveIndicatorScope): the months it covers entirely are read from the primary key alone
 * (an index-only scan in (month, person) order, grouped without sorting or hashing); the one or two
 * months it cuts count a row when one of its days inside the period has an act (`days`, [1:31]).
 */
const SINCE = `($3::timestamptz at time zone $5::text)::date`;
const UNTIL = `($4::timestamptz at time zone $5::text)::date`;
/** The first month the period covers from its first day, and the month after the last it covers whole. */
const FULL_FROM = `(date_trunc('month', (${SINCE} - 1)::timestamp) + interval '1 month')::date`;
const FULL_UNTIL = `date_trunc('month', ${UNTIL}::timestamp)::date`;
/** The months the period cuts: where it starts after the 1st, where it ends before the month's end (else null). */
const CUT_FROM = `(case when ${SINCE} <> date_trunc('month', ${SINCE}::timestamp)::date
                        then date_trunc('month', ${SINCE}::timestamp)::date end)`;
const CUT_UNTIL = `(case when ${UNTIL} <> ${FULL_UNTIL} then ${FULL_UNTIL} end)`;
const wholeMonth = (a: string) =>
  `($3::timestamptz is null or ${a}.month >= ${FULL_FROM}) and ($4::timestamptz is null or ${a}.month < ${FULL_UNTIL})`;
const WHOLE_MONTH = wholeMonth("r");
const IN_SCOPE = `r.space_id = any($1::text[]) and ($2::text is null or r.challenge_id = $2)`;
// The bounds are written out, not put in a CTE: the planner then sees them as constants (a CTE read
// twice is materialised, and its estimates made it hash 1.1M groups to disk).
const WHOLE = `_whole as (select r.month, r.user_id, r.kind from participation_months r where ${IN_SCOPE} and ${WHOLE_MONTH})`;
const CUT = `
  _cut as (select r.month, r.user_id, r.kind from participation_months r
            where ${IN_SCOPE} and r.month in (${CUT_FROM}, ${CUT_UNTIL}) and not (${WHOLE_MONTH})
              and cardinality(array_remove(r.days[greatest(1, ${SINCE} - r.month + 1):least(31, ${UNTIL} - r.month)], null)) > 0)`;
const ROLLUP_ROWS = `${WHOLE}, ${CUT}`;

/** One row per person and month, with what they did; the parts hold different months. */
const people = (parts: string[]) =>
  parts
    .map(
      (part) => `select r.month, r.user_id, bool_or(r.kind = 'PROPOSED') as p, bool_or(r.kind = 'SUPPORTED') as s,
                      bool_or(r.kind = 'COMMENTED') as c from ${part} r group by 1, 2`,
    )
    .join(" union all ");

/** Per month and role; a person has one role, so the roles' (and audiences') distinct counts add up. */
const BY_ROLE = `
  select to_char(x.month, 'YYYY-MM') as month, u.role::text as role, count(*)::int as participants,
         count(*) filter (where x.p)::int as proposers, count(*) filter (where x.s)::int as supporters,
         count(*) filter (where x.c)::int as commenters
    from people x join users u on u.id = x.user_id
   group by x.month, u.role`;

/**
 * The counters (`idees_participation_counts`: distinct people per month, scope and role) that hold the
 * scope's whole months, or null when none does: 'all' when the scope takes in every space, a space's, or
 * a challenge's when none of its ideas lies outside the scope's spaces. Distinct people do not add up
 * across spaces, so a few spaces out of more read the roll-up.
 */
export async function participationCounterScope(scope: IndicatorScope): Promise<string | null> {
  const [spaceIds, challenge] = scope.params;
  const { rows } = await pool.query<{ key: string | null }>(
    `select case
       when $2::text is not null then
         case when not exists (select 1 from ideas i where i.challenge_id = $2 and i.space_id <> all($1::text[]))
              then 'challenge:' || $2 end
       when cardinality($1::text[]) = 1 then 'space:' || ($1::text[])[1]
       when not exists (select 1 from spaces s where s.id <> all($1::text[])) then 'all'
     end as key`,
    [spaceIds, challenge],
  );
  return rows[0]?.key ?? null;
}

/** The whole months from the counters ($6 the scope's key), shaped like BY_ROLE's rows. */
const COUNTED = `
  select to_char(c.month, 'YYYY-MM') as month, c.role::text as role, c.participants, c.proposers, c.supporters,
         c.commenters
    from idees_participation_counts c
   where c.scope = $6::text and ${wholeMonth("c")} and c.participants > 0`;

/**
 * The page's participation. The whole months come from the counters when one holds the scope (a few
 * rows), else from the roll-up; the one or two months the period cuts always from the roll-up, one row
 * per person and month first, then counted.
 */
export async function participation(scope: IndicatorScope) {
  const key = await participationCounterScope(scope);
  const rows = key
    ? await runIndicatorStatement<RoleRow>(
        scope,
        `with ${CUT}, people as (${people(["_cut"])}) ${BY_ROLE} union all ${COUNTED}`,
        [key],
      )
    : await runIndicatorStatement<RoleRow>(
        scope,
        `with ${ROLLUP_ROWS}, people as (${people(["_whole", "_cut"])}) ${BY_ROLE}`,
      );
  return byAudience(rows);
}

/**
 * Distinct participants per agency over the period, busiest first. People without an agency are left out
 * by the join first (usually most of the roll-up's rows: the public has none).
 */
export async function participationByAgency(scope: IndicatorScope) {
  return runIndicatorStatement<AgencyRow>(
    scope,
    `with ${ROLLUP_ROWS}
     select u.agency, count(distinct r.user_id)::int as people
       from (select user_id from _whole union all select user_id from _cut) r
       join users u on u.id = r.user_id and u.agency is not null
      group by 1 order by 2 desc, 1 limit 50`,
  );
}

/** The acts themselves (what the roll-up sums up), for the direct statements. */
const ACTS = `
  scoped as not materialized (select i.id, i.author_id, i.created_at from ideas i where ${scopeSql()}),
  acts as (select 'p' as kind, s.author_id as user_id, s.created_at as at from scoped s
           union all
           select 's', v.user_id, v.created_at from votes v join scoped s on s.id = v.idea_id
           union all
           select 'c', c.author_id, c.created_at from comments c join scoped s on s.id = c.idea_id
            where c.deleted_at is null and c.hidden_at is null)`;

/** The reference: the same figures straight from ideas, votes and comments (seconds at 5M votes). */
export async function participationFromActs(scope: IndicatorScope) {
  const rows = await runIndicatorStatement<RoleRow>(
    scope,
    `with ${ACTS},
          people as (select date_trunc('month', a.at at time zone $5::text) as month, a.user_id,
                            bool_or(a.kind = 'p') as p, bool_or(a.kind = 's') as s, bool_or(a.kind = 'c') as c
                       from acts a where ${periodSql("a.at")} group by 1, 2)
     ${BY_ROLE}`,
  );
  return byAudience(rows);
}

/** The reference for participation by agency. */
export async function participationByAgencyFromActs(scope: IndicatorScope) {
  return runIndicatorStatement<AgencyRow>(
    scope,
    `with ${ACTS}
     select u.agency, count(distinct a.user_id)::int as people
       from acts a join users u on u.id = a.user_id
      where u.agency is not null and ${periodSql("a.at")}
      group by 1 order by 2 desc, 1 limit 50`,
  );
}

/** Roles → audiences (audienceOf), summed per month, then shaped for the page. */
function byAudience(rows: RoleRow[]) {
  const merged = new Map<string, ParticipationRow>();
  for (const r of rows) {
    const audience = audienceOf(r.role as Parameters<typeof audienceOf>[0]);
    const key = `${r.month}|${audience}`;
    const row = merged.get(key) ?? {
      month: r.month,
      audience,
      participants: 0,
      proposers: 0,
      supporters: 0,
      commenters: 0,
    };
    row.participants += r.participants;
    row.proposers += r.proposers;
    row.supporters += r.supporters;
    row.commenters += r.commenters;
    merged.set(key, row);
  }
  return shapeParticipation([...merged.values()]);
}
