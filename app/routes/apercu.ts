// POST /apercu: the markdown editor's preview with JavaScript (app/components/markdown-editor.tsx) —
// the text rendered on the server by the sanitizing module, as the page will show it. Signed-in people
// only (every form with an editor is theirs); a malformed request is a 400.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { renderPreview } from "~/models/preview.server.ts";
import { PreviewSchema } from "~/models/preview.ts";

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: PreviewSchema });
  if (submission.status !== "success") return data({ error: submission.reply().error }, { status: 400 });
  return data(
    { html: renderPreview(submission.value.pour, submission.value.texte) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
