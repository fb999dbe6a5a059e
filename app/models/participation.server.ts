// Participation figures of the managers' indicators (docs/decisions/0025-indicators-and-exports.md and
// 0038-participation-rollup.md): distinct people per Paris month who proposed, supported or commented
// (visible comments) a listed idea of the scope, by audience (their account's role today), and distinct
// participants per agency. The page reads the monthly roll-up `participation_months`, kept by database
// triggers; the direct statements over the acts stay here as the reference the roll-up must equal
// (tests/participation-rollup.test.ts compares them).
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
 * The roll-up's rows (month, person, kind) in the scope and period. The period is whole Paris days
 * (resolveIndicatorScope): a month it covers entirely is taken as is; a month it cuts counts a row when
 * one of its days inside the period has an act (`days`, [1:31]).
 */
const ROLLUP_ROWS = `
  _b as (select ($3::timestamptz at time zone $5::text)::date as since, ($4::timestamptz at time zone $5::text)::date as until),
  _r as (select r.month, r.user_id, r.kind from participation_months r cross join _b b
          where r.space_id = any($1::text[]) and ($2::text is null or r.challenge_id = $2)
            and (b.since is null or r.month >= date_trunc('month', b.since)::date)
            and (b.until is null or r.month < b.until)
            and ((b.since is null or b.since <= r.month) and (b.until is null or b.until >= (r.month + interval '1 month')::date)
                 or cardinality(array_remove(r.days[greatest(1, b.since - r.month + 1):least(31, b.until - r.month)], null)) > 0))`;

/** Per month and role; a person has one role, so the roles' (and audiences') distinct counts add up. */
const BY_ROLE = `
  select to_char(x.month, 'YYYY-MM') as month, u.role::text as role, count(*)::int as participants,
         count(*) filter (where x.p)::int as proposers, count(*) filter (where x.s)::int as supporters,
         count(*) filter (where x.c)::int as commenters
    from people x join users u on u.id = x.user_id
   group by x.month, u.role`;

/** The page's participation, from the roll-up: one row per person and month first, then counted. */
export async function participation(scope: IndicatorScope) {
  const rows = await runIndicatorStatement<RoleRow>(
    scope,
    `with ${ROLLUP_ROWS},
          people as (select r.month, r.user_id, bool_or(r.kind = 'PROPOSED') as p,
                            bool_or(r.kind = 'SUPPORTED') as s, bool_or(r.kind = 'COMMENTED') as c
                       from _r r group by 1, 2)
     ${BY_ROLE}`,
  );
  return byAudience(rows);
}

/** Distinct participants per agency over the period, busiest first (people without one are left out). */
export async function participationByAgency(scope: IndicatorScope) {
  return runIndicatorStatement<AgencyRow>(
    scope,
    `with ${ROLLUP_ROWS}
     select u.agency, count(*)::int as people
       from (select distinct r.user_id from _r r) x join users u on u.id = x.user_id
      where u.agency is not null
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
