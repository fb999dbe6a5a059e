import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { IdeaForm } from "~/components/idea-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getIdeaForEdit, updateIdea } from "~/models/idea-edit.server.ts";
import { IdeaFormSchema } from "~/models/idea.ts";
import { readForm } from "~/lib/form.server.ts";
import { previewAnswer, wantsPreview } from "~/lib/preview.server.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("idea.edit"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { idea: await getIdeaForEdit(user, params.id ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  await getIdeaForEdit(user, ideaId); // 404/403 before reading the body
  const formData = await readForm(request);
  if (wantsPreview(formData)) {
    const { result, preview } = await previewAnswer(formData, { kind: "idee", viewer: user, place: { ideaId } });
    return { ...result, preview };
  }
  const submission = parseWithZod(formData, { schema: IdeaFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateIdea({ user, ideaId, input: submission.value });
  return redirectWithFlash(`/idees/${ideaId}`, { key: "ideaForm.saved" });
}

export default function EditIdea() {
  const { idea } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("ideaForm.editTitle")}</h1>
      <IdeaForm
        lastResult={lastResult}
        defaultValue={{ title: idea.title, body: idea.body, tags: idea.tags.join(", ") }}
        submitLabel={t("ideaForm.save")}
        cancelTo={`/idees/${idea.id}`}
        mentionsIn={{ idee: idea.id }}
        language={idea.language}
        previewHtml={lastResult && "preview" in lastResult ? lastResult.preview : null}
        images={idea.images}
      />
    </section>
  );
}
