import { expect, test } from "vitest";
import {
  audienceOf,
  averageScore,
  hackathonPhase,
  HackathonFormSchema,
  juryOpen,
  registrationOpen,
  registrationStatusFor,
  submissionsOpen,
  SubmissionFormSchema,
  teamJoinProblem,
  teamsOpen,
} from "./hackathon.ts";

const at = (iso: string) => new Date(iso);
const schedule = {
  registrationOpensAt: "2027-03-01T08:00:00Z",
  registrationClosesAt: "2027-03-10T08:00:00Z",
  startsAt: "2027-03-12T08:00:00Z",
  endsAt: "2027-03-13T18:00:00Z",
  submissionDeadline: "2027-03-13T16:00:00Z",
  resultsAt: "2027-03-20T08:00:00Z",
  resultsPublishedAt: null,
};

test("the phase follows the schedule, and published results end it", () => {
  expect(hackathonPhase(schedule, at("2027-02-28T08:00:00Z"))).toBe("announced");
  expect(hackathonPhase(schedule, at("2027-03-01T08:00:00Z"))).toBe("registration");
  expect(hackathonPhase(schedule, at("2027-03-11T08:00:00Z"))).toBe("ready");
  expect(hackathonPhase(schedule, at("2027-03-12T08:00:00Z"))).toBe("event");
  expect(hackathonPhase(schedule, at("2027-03-13T16:00:00Z"))).toBe("judging");
  expect(hackathonPhase({ ...schedule, resultsPublishedAt: "2027-03-20T08:00:00Z" }, at("2027-03-13T08:00:00Z"))).toBe(
    "results",
  );
});

test("registration, teams, submissions and the jury each have their window; the deadline itself is too late", () => {
  expect(registrationOpen(schedule, at("2027-03-09T08:00:00Z"))).toBe(true);
  expect(registrationOpen(schedule, at("2027-03-10T08:00:00Z"))).toBe(false);
  expect(teamsOpen(schedule, at("2027-03-12T09:00:00Z"))).toBe(true);
  expect(teamsOpen(schedule, at("2027-03-13T16:00:00Z"))).toBe(false);
  expect(submissionsOpen(schedule, at("2027-03-11T08:00:00Z"))).toBe(false);
  expect(submissionsOpen(schedule, at("2027-03-13T15:59:59.999Z"))).toBe(true);
  expect(submissionsOpen(schedule, at("2027-03-13T16:00:00Z"))).toBe(false);
  expect(juryOpen(schedule, at("2027-03-14T08:00:00Z"))).toBe(true);
  expect(juryOpen({ ...schedule, resultsPublishedAt: "2027-03-14T09:00:00Z" }, at("2027-03-14T10:00:00Z"))).toBe(false);
});

test("a seat while below capacity, the waiting list from then on", () => {
  expect(registrationStatusFor(0, 2)).toBe("REGISTERED");
  expect(registrationStatusFor(1, 2)).toBe("REGISTERED");
  expect(registrationStatusFor(2, 2)).toBe("WAITING");
});

test("teams: the size limit, and one audience per team unless mixing is allowed", () => {
  expect(audienceOf("MANAGER")).toBe("staff");
  expect(audienceOf("SUPPLIER")).toBe("supplier");
  expect(audienceOf("PUBLIC")).toBe("public");
  const base = { teamSizeMax: 3, mixedTeams: false };
  expect(teamJoinProblem({ ...base, memberRoles: ["EMPLOYEE", "MANAGER"], joinerRole: "MODERATOR" })).toBeNull();
  expect(teamJoinProblem({ ...base, memberRoles: ["EMPLOYEE"], joinerRole: "PUBLIC" })).toBe("mixed");
  expect(teamJoinProblem({ ...base, memberRoles: ["EMPLOYEE"], joinerRole: "SUPPLIER" })).toBe("mixed");
  expect(teamJoinProblem({ ...base, mixedTeams: true, memberRoles: ["EMPLOYEE"], joinerRole: "PUBLIC" })).toBeNull();
  expect(teamJoinProblem({ ...base, memberRoles: ["PUBLIC", "PUBLIC", "PUBLIC"], joinerRole: "PUBLIC" })).toBe("full");
});

test("the average of a project's scores; none when nobody scored", () => {
  expect(averageScore([])).toBeNull();
  expect(averageScore([{ score: 4 }, { score: 5 }, { score: 3 }])).toBe(4);
});

const form = {
  title: "Hackathon mobilité 2027",
  cover: "Deux jours pour faciliter les trajets vers l'emploi.",
  objective: "Construire des services à partir des données ouvertes.",
  onlineUrl: "https://visio.example.test/hackathon",
  registrationOpensAt: "2027-03-01T09:00",
  registrationClosesAt: "2027-03-10T09:00",
  startsAt: "2027-03-12T09:00",
  endsAt: "2027-03-13T18:00",
  submissionDeadline: "2027-03-13T17:00",
  resultsAt: "2027-03-20T09:00",
  capacity: "40",
  teamSizeMax: "5",
  criteria: "Impact\nFaisabilité\n\n",
};

test("the form: dates in order, a place or an http(s) link, sane numbers, one criterion a line", () => {
  const ok = HackathonFormSchema.safeParse(form);
  expect(ok.success).toBe(true);
  expect(ok.data?.criteria).toEqual(["Impact", "Faisabilité"]);
  expect(ok.data?.mixedTeams).toBe(false);
  expect(HackathonFormSchema.safeParse({ ...form, mixedTeams: "on" }).data?.mixedTeams).toBe(true);
  const issues = (input: Record<string, string | undefined>) =>
    HackathonFormSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}:${i.message.split("|")[0]}`);
  expect(issues({ ...form, onlineUrl: "javascript:alert(1)" })).toContain("onlineUrl:hackathon.invalidLink");
  expect(issues({ ...form, onlineUrl: undefined })).toContain("place:hackathon.whereRequired");
  expect(issues({ ...form, registrationClosesAt: "2027-02-01T09:00" })).toContain(
    "registrationClosesAt:hackathon.order.registration",
  );
  expect(issues({ ...form, resultsAt: "2027-03-13T16:00" })).toContain("resultsAt:hackathon.order.results");
  expect(issues({ ...form, capacity: "0" })).toContain("capacity:hackathon.invalidNumber");
  expect(issues({ ...form, teamSizeMax: "21" })).toContain("teamSizeMax:hackathon.invalidNumber");
  expect(issues({ ...form, criteria: "\n \n" })).toContain("criteria:form.required");
});

test("a submission's repository link is http(s) only", () => {
  const base = { title: "Trajets vers l'emploi", body: "Un service qui croise offres et transports publics." };
  expect(SubmissionFormSchema.safeParse({ ...base, repoUrl: "https://git.example.test/equipe" }).success).toBe(true);
  expect(SubmissionFormSchema.safeParse({ ...base, repoUrl: "data:text/html,hi" }).success).toBe(false);
  expect(SubmissionFormSchema.safeParse({ ...base, repoUrl: "ftp://example.test/x" }).success).toBe(false);
  expect(SubmissionFormSchema.safeParse(base).success).toBe(true);
});
