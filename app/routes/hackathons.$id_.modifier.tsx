// A manager edits a hackathon until its results are published (docs/decisions/0035-hackathons.md).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { canManageHackathon } from "~/auth/policy-hackathons.ts";
import { requireUser } from "~/auth/session.server.ts";
import { HackathonForm } from "~/components/hackathon-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { toParisLocal } from "~/lib/time.ts";
import { requireVisibleHackathon, updateHackathon } from "~/models/hackathon.server.ts";
import { HackathonFormSchema } from "~/models/hackathon.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data && t("hackathonForm.editTitle", { title: data.title }));

async function requireOrganiser(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const h = await requireVisibleHackathon(user, id ?? "");
  if (!canManageHackathon(user, h.space)) notFound();
  return { user, h };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { h } = await requireOrganiser(request, params.id);
  return {
    id: h.id,
    title: h.title,
    language: h.language,
    defaults: {
      title: h.title,
      cover: h.cover,
      objective: h.objective,
      resources: h.resources,
      place: h.place ?? "",
      onlineUrl: h.onlineUrl ?? "",
      registrationOpensAt: toParisLocal(h.registrationOpensAt),
      registrationClosesAt: toParisLocal(h.registrationClosesAt),
      startsAt: toParisLocal(h.startsAt),
      endsAt: toParisLocal(h.endsAt),
      submissionDeadline: toParisLocal(h.submissionDeadline),
      resultsAt: toParisLocal(h.resultsAt),
      capacity: String(h.capacity),
      teamSizeMax: String(h.teamSizeMax),
      mixedTeams: h.mixedTeams ? "on" : undefined,
      criteria: h.criteria.join("\n"),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, h } = await requireOrganiser(request, params.id);
  const formData = await readForm(request);
  if (formData.get("intent") !== "update") badRequest("Unknown intent");
  return handleForm({
    formData,
    schema: HackathonFormSchema,
    formId: "hackathon",
    run: async (input) => {
      await updateHackathon({ user, hackathonId: h.id, input });
      return redirectWithFlash(`/hackathons/${h.id}`, { key: "hackathon.updated" });
    },
  });
}

export default function EditHackathon() {
  const { id, title, language, defaults } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={`/hackathons/${id}`} lang={language}>
          {title}
        </Link>
      </p>
      <h1>{t("hackathonForm.edit")}</h1>
      <HackathonForm intent="update" submitLabel={t("hackathonForm.save")} defaultValue={defaults} />
    </section>
  );
}
