import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { canProposeIdea } from "~/auth/policy.ts";
import { requireUser } from "~/auth/session.server.ts";
import { IdeaForm } from "~/components/idea-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { createIdea } from "~/models/idea.server.ts";
import { IdeaFormSchema } from "~/models/idea.ts";
import { requireVisibleSpace } from "~/models/space.server.ts";

export const meta: MetaFunction = () => [{ title: "Proposer une idée — Idées" }];

async function requireProposableSpace(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const space = await requireVisibleSpace(user, slug ?? "");
  if (!canProposeIdea(user, space)) notFound();
  return { user, space };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space } = await requireProposableSpace(request, params.slug);
  return { space };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireProposableSpace(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: IdeaFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const idea = await createIdea({ user, space, input: submission.value });
  return redirectWithFlash(`/idees/${idea.id}`, { key: "ideaForm.created" });
}

export default function ProposeIdea() {
  const { space } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="narrow">
      <h1>{t("ideaForm.newTitle", { space: locale === "fr" ? space.nameFr : space.nameEn })}</h1>
      <IdeaForm lastResult={lastResult} submitLabel={t("ideaForm.submit")} cancelTo={`/espaces/${space.slug}`} similarIn={space.slug} />
    </section>
  );
}
