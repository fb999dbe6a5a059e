// A hackathon's page (docs/decisions/0035-hackathons.md): its schedule and current phase, live counts,
// registration, teams, the team's submission, the jury's scoring; each form a hidden `intent`.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer, requireUser } from "~/auth/session.server.ts";
import { HackathonHeader, HackathonManage, HackathonTeams, HackathonYou } from "~/components/hackathon.tsx";
import { Markdown } from "~/components/markdown.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, clientIp } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getLocale } from "~/lib/locale.server.ts";
import { cancelRegistration, registerForHackathon, requireVisibleHackathon } from "~/models/hackathon.server.ts";
import { getHackathonPage, getTeamSubmission } from "~/models/hackathon-page.server.ts";
import { addJuror, scoreProject } from "~/models/hackathon-jury.server.ts";
import {
  answerJoinRequest,
  askToJoinTeam,
  createTeam,
  leaveTeam,
  submitProject,
} from "~/models/hackathon-teams.server.ts";
import {
  JurorFormSchema,
  MemberRefSchema,
  scoreFormSchema,
  SubmissionFormSchema,
  TeamFormSchema,
  TeamRefSchema,
} from "~/models/hackathon.ts";
import { enforceRateLimits } from "~/models/rate-limit.server.ts";
import { useLive } from "~/realtime/use-live.ts";
import { roomOf } from "~/realtime/events.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, () => data?.hackathon.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = await getHackathonPage(viewer, params.id ?? "");
  const submission = page.me.teamId && page.can.submit ? await getTeamSubmission(page.me.teamId) : null;
  return { ...page, submission };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const hackathonId = params.id ?? "";
  await requireVisibleHackathon(user, hackathonId); // 404 before reading the body
  const formData = await readForm(request);
  const back = `/hackathons/${hackathonId}`;
  const intent = String(formData.get("intent") ?? "");
  if (["register", "cancel", "team", "join", "answer", "leave"].includes(intent))
    await enforceRateLimits({ user, ip: clientIp(request), action: "hackathon" });
  switch (intent) {
    case "register": {
      const { status } = await registerForHackathon({ user, hackathonId });
      return redirectWithFlash(back, { key: status === "REGISTERED" ? "hackathon.registered" : "hackathon.waiting" });
    }
    case "cancel":
      await cancelRegistration({ user, hackathonId });
      return redirectWithFlash(back, { key: "hackathon.cancelled" });
    case "team":
      return handleForm({
        formData,
        schema: TeamFormSchema,
        formId: "team",
        run: async ({ name }) => {
          await createTeam({ user, hackathonId, name });
          return redirectWithFlash(back, { key: "hackathon.teamCreated" });
        },
      });
    case "join":
      return handleForm({
        formData,
        schema: TeamRefSchema,
        formId: formIdOf(formData, "join"),
        run: async ({ teamId }) => {
          await askToJoinTeam({ user, teamId });
          return redirectWithFlash(back, { key: "hackathon.requestSent" });
        },
      });
    case "answer":
      return handleForm({
        formData,
        schema: MemberRefSchema,
        formId: formIdOf(formData, "answer"),
        run: async ({ teamId, userId }) => {
          const accept = formData.get("accept") === "true";
          await answerJoinRequest({ user, teamId, userId, accept });
          return redirectWithFlash(back, { key: accept ? "hackathon.requestAccepted" : "hackathon.requestRefused" });
        },
      });
    case "leave":
      await leaveTeam({ user, hackathonId });
      return redirectWithFlash(back, { key: "hackathon.teamLeft" });
    case "submit":
      return handleForm({
        formData,
        schema: SubmissionFormSchema,
        formId: "submit",
        run: async (input) => {
          const teamId = String(formData.get("teamId") ?? "");
          await submitProject({ user, teamId, input, language: getLocale(request) });
          return redirectWithFlash(back, { key: "hackathon.submitted" });
        },
      });
    case "juror":
      return handleForm({
        formData,
        schema: JurorFormSchema,
        formId: "juror",
        run: async ({ email }) => {
          await addJuror({ user, hackathonId, email });
          return redirectWithFlash(back, { key: "hackathon.jurorAdded" });
        },
      });
    case "score": {
      const h = await requireVisibleHackathon(user, hackathonId);
      return handleForm({
        formData,
        schema: scoreFormSchema(h.criteria.length),
        formId: formIdOf(formData, "score"),
        run: async (input) => {
          const scores = h.criteria.map((_, i) => Number((input as Record<string, unknown>)[`c${i}`]));
          await scoreProject({ user, hackathonId, ideaId: String(input.ideaId), scores });
          return redirectWithFlash(back, { key: "hackathon.scored" });
        },
      });
    }
    default:
      badRequest("Unknown intent");
  }
}

export default function HackathonPage() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  const { hackathon } = page;
  useLive({
    rooms: [roomOf.space(page.space.id)],
    onEvent: (event, { revalidate }) => {
      if (event.name === "hackathon:changed" && event.payload.hackathonId === hackathon.id) revalidate();
    },
  });
  return (
    <>
      <HackathonHeader page={page} />
      <h2>{t("hackathon.objective")}</h2>
      <Markdown html={hackathon.objectiveHtml} lang={hackathon.language} />
      {hackathon.resourcesHtml ? (
        <>
          <h2>{t("hackathon.resources")}</h2>
          <Markdown html={hackathon.resourcesHtml} lang={hackathon.language} />
        </>
      ) : null}
      <p>
        <Link to="/donnees-ouvertes">{t("hackathon.openData")}</Link> · <Link to="/api">{t("hackathon.api")}</Link>
      </p>
      {hackathon.phase === "results" ? (
        <p>
          <Link className="button" to={`/hackathons/${hackathon.id}/resultats`}>
            {t("hackathon.seeResults")}
          </Link>
        </p>
      ) : null}
      <HackathonYou page={page} />
      <HackathonTeams page={page} />
      {page.can.manage ? <HackathonManage page={page} /> : null}
    </>
  );
}
