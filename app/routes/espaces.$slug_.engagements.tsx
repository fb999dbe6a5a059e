// A space's response-time commitments and the record it keeps, public wherever the space is
// (docs/decisions/0028-response-time-commitments.md); admins set the commitments here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { canSetCommitments } from "~/auth/policy.ts";
import { getViewer, requireUser } from "~/auth/session.server.ts";
import { CommitmentRecordFigures } from "~/components/commitments.tsx";
import { Field } from "~/components/form.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, forbidden } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { SpaceBreadcrumb, useSpaceName } from "~/components/space-breadcrumb.tsx";
import { getCommitmentsPage, setSpaceCommitments } from "~/models/commitments.server.ts";
import { CommitmentsForm } from "~/models/commitments.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("commitments.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return getCommitmentsPage({ viewer, slug: params.slug ?? "" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  if (!canSetCommitments(user, await requireVisibleSpace(user, slug))) forbidden(); // before reading the body
  const formData = await readForm(request);
  if (formData.get("intent") !== "commitments") badRequest("Unknown intent");
  return handleForm({
    formData,
    schema: CommitmentsForm,
    formId: "commitments",
    run: async (input) => {
      await setSpaceCommitments({ user, slug, input });
      return redirectWithFlash(`/espaces/${slug}/engagements`, { key: "commitments.saved" });
    },
  });
}

export default function SpaceCommitments() {
  const { space, commitments, record, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  const name = useSpaceName(space);
  return (
    <section className="narrow">
      <SpaceBreadcrumb space={space} />
      <h1>{t("commitments.title")}</h1>
      <p className="meta">{t("commitments.space", { space: name })}</p>
      <ul>
        <li data-testid="commitment-answer">
          {commitments.answerWithinDays === null
            ? t("commitments.noAnswer")
            : t("commitments.answer", { days: commitments.answerWithinDays })}
        </li>
        <li data-testid="commitment-review">
          {commitments.reviewWithinDays === null
            ? t("commitments.noReview")
            : t("commitments.review", { days: commitments.reviewWithinDays })}
        </li>
      </ul>
      <p>{t("commitments.definition")}</p>
      <h2>{t("commitments.record")}</h2>
      <p>{t("commitments.recordIntro")}</p>
      <CommitmentRecordFigures record={record} hasCommitment={commitments.answerWithinDays !== null} />
      {canEdit ? (
        <>
          <h2>{t("commitments.edit")}</h2>
          <SchemaForm
            formId="commitments"
            intent="commitments"
            schema={CommitmentsForm}
            submitLabel={t("commitments.save")}
            defaultValue={{
              answerWithinDays: commitments.answerWithinDays?.toString(),
              reviewWithinDays: commitments.reviewWithinDays?.toString(),
            }}
          >
            {(fields) => (
              <>
                <Field
                  field={fields.answerWithinDays!}
                  label={t("commitments.answerField")}
                  hint={t("commitments.fieldHint")}
                />
                <Field
                  field={fields.reviewWithinDays!}
                  label={t("commitments.reviewField")}
                  hint={t("commitments.fieldHint")}
                />
              </>
            )}
          </SchemaForm>
        </>
      ) : null}
    </section>
  );
}
