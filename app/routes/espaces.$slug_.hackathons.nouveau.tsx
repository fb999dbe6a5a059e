// A manager organises a hackathon in a space (docs/decisions/0035-hackathons.md).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { canManageHackathon } from "~/auth/policy-hackathons.ts";
import { requireUser } from "~/auth/session.server.ts";
import { HackathonForm } from "~/components/hackathon-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { metaTitle, translator } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { SpaceBreadcrumb, useSpaceName } from "~/components/space-breadcrumb.tsx";
import { getLocale } from "~/lib/locale.server.ts";
import { toParisLocal } from "~/lib/time.ts";
import { createHackathon } from "~/models/hackathon.server.ts";
import { HackathonFormSchema } from "~/models/hackathon.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("hackathon.new"));

async function requireOrganiser(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const space = await requireVisibleSpace(user, slug ?? "");
  if (!canManageHackathon(user, space)) notFound();
  return { user, space };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space } = await requireOrganiser(request, params.slug);
  // Suggested schedule: registration from now for two weeks, a two-day event, results a week later.
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  const at = (days: number) => toParisLocal(new Date(start + days * 86_400_000));
  return {
    space,
    defaults: {
      registrationOpensAt: at(0),
      registrationClosesAt: at(14),
      startsAt: at(15),
      endsAt: at(17),
      submissionDeadline: at(17),
      resultsAt: at(24),
      capacity: "60",
      teamSizeMax: "5",
      criteria: translator(getLocale(request))("hackathonForm.defaultCriteria"),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireOrganiser(request, params.slug);
  const formData = await readForm(request);
  if (formData.get("intent") !== "create") badRequest("Unknown intent");
  return handleForm({
    formData,
    schema: HackathonFormSchema,
    formId: "hackathon",
    run: async (input) => {
      const { id } = await createHackathon({ user, space, input, language: getLocale(request) });
      return redirectWithFlash(`/hackathons/${id}`, { key: "hackathon.created" });
    },
  });
}

export default function NewHackathon() {
  const { space, defaults } = useLoaderData<typeof loader>();
  const t = useT();
  const name = useSpaceName(space);
  return (
    <section className="narrow">
      <SpaceBreadcrumb space={space} />
      <h1>{t("hackathonForm.heading", { space: name })}</h1>
      <HackathonForm intent="create" submitLabel={t("hackathonForm.create")} defaultValue={defaults} />
    </section>
  );
}
