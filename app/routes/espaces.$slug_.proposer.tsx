import { getLocale } from "~/lib/locale.server.ts";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { canProposeIdea } from "~/auth/policy.ts";
import { requireUser } from "~/auth/session.server.ts";
import { IdeaForm } from "~/components/idea-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { refuseFilledHoneypot } from "~/lib/form.server.ts";
import { formFiles, keepFormFiles, limitUploads, withFileRefusal } from "~/lib/form-files.server.ts";
import { readUploadForm, type UploadForm } from "~/lib/upload.server.ts";
import { uploadLimits, uploadLimitsShown } from "~/models/attachment.server.ts";
import { listKeptFiles } from "~/models/attachment-batch.server.ts";
import { FILES_FIELD } from "~/models/attachment.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { SpaceSummary } from "~/models/space.server.ts";
import { previewAnswer, wantsPreview } from "~/lib/preview.server.ts";
import { clientIp, notFound, retryAfter, retryAfterHeaders } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { newId } from "~/lib/id.ts";
import { attempt, ruleReply, ruleStatus } from "~/lib/rule-error.server.ts";
import { listSpaceChallenges } from "~/models/challenge.server.ts";
import { createIdea } from "~/models/idea.server.ts";
import { IdeaFormSchema } from "~/models/idea.ts";
import { checkRateLimits, limitedMessage } from "~/models/rate-limit.server.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";
import { supplierTermsToAccept } from "~/models/supplier-terms.server.ts";
import { msg } from "~/lib/validation.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("space.propose"));

async function requireProposableSpace(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const space = await requireVisibleSpace(user, slug ?? "");
  if (!canProposeIdea(user, space)) notFound();
  return { user, space };
}

export const headers = retryAfterHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, space } = await requireProposableSpace(request, params.slug);
  const { open } = await listSpaceChallenges(user, space);
  const chosen = new URL(request.url).searchParams.get("defi");
  // A supplier who has not accepted the terms in force is sent to them (docs/decisions/0024).
  const termsToAccept = await supplierTermsToAccept(user);
  return {
    termsToAccept,
    space,
    challenges: open.map((c) => ({ id: c.id, title: c.title, language: c.language })),
    challengeId: open.some((c) => c.id === chosen) ? chosen! : undefined,
    formKey: newId(),
    uploadLimits: uploadLimitsShown(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireProposableSpace(request, params.slug);
  // The form carries files (docs/decisions/0030): streamed to a temporary folder, removed after.
  const upload = await readUploadForm(request, uploadLimits());
  try {
    return await propose(request, user, space, upload);
  } finally {
    await upload.dispose();
  }
}

async function propose(request: Request, user: SessionUser, space: SpaceSummary, upload: UploadForm) {
  const formData = upload.formData;
  refuseFilledHoneypot(formData);
  // Answered without storing the idea: the files chosen are kept and offered again, never dropped.
  const keep = () => keepFormFiles({ request, user, upload });
  if (wantsPreview(formData)) {
    const { result, preview } = await previewAnswer(formData, {
      kind: "idee",
      viewer: user,
      place: { spaceSlug: space.slug },
    });
    const { kept, refusal } = await keep();
    return data({ ...withFileRefusal(result, refusal), preview, kept }, { status: refusal ? 400 : 200 });
  }
  const submission = parseWithZod(formData, { schema: IdeaFormSchema });
  if ((await supplierTermsToAccept(user)) !== null)
    return data(submission.reply({ formErrors: [msg("terms.mustAccept")] }), { status: 403 });
  if (submission.status !== "success") {
    const { kept, refusal } = await keep();
    return data({ ...withFileRefusal(submission.reply(), refusal), kept }, { status: 400 });
  }
  const limited = await checkRateLimits({ user, ip: clientIp(request), action: "propose" });
  if (limited)
    return data(submission.reply({ formErrors: [limitedMessage(limited)] }), {
      status: 429,
      headers: retryAfter(limited),
    });
  const files = formFiles(upload);
  await limitUploads(request, user, files);
  const outcome = await attempt(() =>
    createIdea({ user, space, input: submission.value, language: getLocale(request), files }),
  );
  if (!outcome.ok) {
    // A refused file: its message next to the picker (the files kept before stay offered); another
    // refusal (a challenge closed meanwhile): the files are kept for the next sending.
    const kept = outcome.error.field === FILES_FIELD ? await listKeptFiles(user, files.keptIds) : (await keep()).kept;
    return data({ ...submission.reply(ruleReply(outcome.error)), kept }, { status: ruleStatus(outcome.error) });
  }
  return redirectWithFlash(`/idees/${outcome.value.id}`, { key: "ideaForm.created" });
}

export default function ProposeIdea() {
  const { space, challenges, challengeId, formKey, termsToAccept, uploadLimits } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  if (termsToAccept !== null)
    return (
      <section className="narrow">
        <h1>{t("ideaForm.newTitle", { space: locale === "fr" ? space.nameFr : space.nameEn })}</h1>
        <p role="alert" data-testid="terms-required">
          {t("terms.mustAccept")} <Link to="/conditions-fournisseurs">{t("terms.readAndAccept")}</Link>
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t("ideaForm.newTitle", { space: locale === "fr" ? space.nameFr : space.nameEn })}</h1>
      <IdeaForm
        lastResult={lastResult}
        challenges={challenges}
        defaultValue={challengeId ? { title: "", body: "", tags: "", challengeId } : undefined}
        submitLabel={t("ideaForm.submit")}
        cancelTo={challengeId ? `/defis/${challengeId}` : `/espaces/${space.slug}`}
        similarIn={space.slug}
        mentionsIn={{ espace: space.slug }}
        idempotencyKey={formKey}
        previewHtml={lastResult && "preview" in lastResult ? lastResult.preview : null}
        files={{ limits: uploadLimits, kept: lastResult && "kept" in lastResult ? lastResult.kept : [] }}
      />
    </section>
  );
}
