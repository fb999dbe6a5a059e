// A manager launches a challenge in a space.
import { getLocale } from "~/lib/locale.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { canManageChallenges } from "~/auth/policy.ts";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { SpaceBreadcrumb, useSpaceName } from "~/components/space-breadcrumb.tsx";
import { createChallenge } from "~/models/challenge.server.ts";
import { toParisLocal } from "~/lib/time.ts";
import { ChallengeFormSchema } from "~/models/challenge.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("challenges.new"));

async function requireChallengeManager(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const space = await requireVisibleSpace(user, slug ?? "");
  if (!canManageChallenges(user, space)) notFound();
  return { user, space };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space } = await requireChallengeManager(request, params.slug);
  // Suggested dates: open from now, for four weeks.
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  return { space, opensAt: toParisLocal(start), closesAt: toParisLocal(new Date(start.getTime() + 28 * 86_400_000)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireChallengeManager(request, params.slug);
  const formData = await readForm(request);
  if (formData.get("intent") !== "create") badRequest("Unknown intent");
  return handleForm({
    formData,
    schema: ChallengeFormSchema,
    formId: "challenge",
    run: async (input) => {
      const challenge = await createChallenge({ user, space, input, language: getLocale(request) });
      return redirectWithFlash(`/defis/${challenge.id}`, { key: "challenge.created" });
    },
  });
}

export default function NewChallenge() {
  const { space, opensAt, closesAt } = useLoaderData<typeof loader>();
  const t = useT();
  const name = useSpaceName(space);
  return (
    <section className="narrow">
      <SpaceBreadcrumb space={space} />
      <h1>{t("challengeForm.title", { space: name })}</h1>
      <SchemaForm
        formId="challenge"
        intent="create"
        schema={ChallengeFormSchema}
        submitLabel={t("challengeForm.submit")}
        defaultValue={{ opensAt, closesAt }}
      >
        {(fields) => (
          <>
            <Field field={fields.title!} label={t("challengeForm.name")} />
            <Field field={fields.cover!} label={t("challengeForm.cover")} hint={t("challengeForm.coverHint")} />
            <Field
              field={fields.brief!}
              label={t("challengeForm.brief")}
              hint={t("challengeForm.briefHint")}
              multiline
              rows={10}
            />
            <Field field={fields.tags!} label={t("challengeForm.tags")} hint={t("ideaForm.tagsHint")} />
            <div className="field-row">
              <Field field={fields.opensAt!} label={t("challengeForm.opensAt")} type="datetime-local" />
              <Field field={fields.closesAt!} label={t("challengeForm.closesAt")} type="datetime-local" />
            </div>
          </>
        )}
      </SchemaForm>
    </section>
  );
}
