// Hackathons and personal data (docs/decisions/0035-hackathons.md): what a person's export carries
// (registrations, team memberships and requests, co-authorships, jury seats and scores given), and what
// deleting their account does — each seat they held goes to the first on that waiting list, each team
// they owned passes to its longest-standing member, inside the deletion's transaction. Their rows go
// with the account (cascade); the projects they co-authored stay with their other authors.
import type { Tx } from "~/lib/db.server.ts";
import { leaveTeamInTx, lockHackathon, releaseSeatInTx } from "./hackathon.server.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportHackathonData(tx: Tx, userId: string) {
  const [registrations, memberships, coauthorships, juries, scores] = await Promise.all([
    tx.hackathonRegistration.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { hackathonId: true, status: true, createdAt: true },
    }),
    tx.hackathonTeamMember.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { hackathonId: true, owner: true, accepted: true, createdAt: true, team: { select: { name: true } } },
    }),
    tx.ideaCoauthor.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { ideaId: true, acceptedAt: true, createdAt: true },
    }),
    tx.hackathonJuror.findMany({ where: { userId }, select: { hackathonId: true, createdAt: true } }),
    tx.hackathonScore.findMany({
      where: { jurorId: userId },
      orderBy: [{ ideaId: "asc" }, { criterion: "asc" }],
      select: { hackathonId: true, ideaId: true, criterion: true, score: true, updatedAt: true },
    }),
  ]);
  return {
    hackathonRegistrations: registrations.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    hackathonTeamMemberships: memberships.map(({ team, ...m }) => ({
      ...m,
      team: team.name,
      createdAt: iso(m.createdAt),
    })),
    ideaCoauthorships: coauthorships.map((c) => ({ ...c, acceptedAt: iso(c.acceptedAt), createdAt: iso(c.createdAt) })),
    hackathonJuries: juries.map((j) => ({ ...j, createdAt: iso(j.createdAt) })),
    hackathonScores: scores.map((s) => ({ ...s, updatedAt: iso(s.updatedAt) })),
  };
}

/** Inside the account deletion's transaction, before the user row goes. Returns who was promoted (notified). */
export async function releaseHackathonPlaces(tx: Tx, userId: string): Promise<string[]> {
  const notified: string[] = [];
  const rows = await tx.$queryRaw<{ hackathon_id: string }[]>`
    select hackathon_id from hackathon_registrations where user_id = ${userId}
    union select hackathon_id from hackathon_team_members where user_id = ${userId}
    order by 1`;
  for (const { hackathon_id } of rows) {
    await lockHackathon(tx, hackathon_id, "update");
    const released = await releaseSeatInTx(tx, hackathon_id, userId);
    if (released) notified.push(...released.notified);
    else await leaveTeamInTx(tx, hackathon_id, userId);
  }
  return notified;
}
