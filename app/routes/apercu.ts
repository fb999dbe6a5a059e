// POST /apercu: the markdown editor's preview with JavaScript (app/components/markdown-editor.tsx) —
// the text rendered on the server by the sanitizing module, as the page will show it. Signed-in people
// only (every form with an editor is theirs); a malformed request is a 400.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { readForm } from "~/lib/form.server.ts";
import { renderPreview } from "~/models/preview.server.ts";
import { PreviewSchema } from "~/models/preview.ts";

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: PreviewSchema });
  // A resource route: its answer goes out as JSON with its status.
  if (submission.status !== "success") return Response.json({ error: submission.reply().error }, { status: 400 });
  return Response.json(
    {
      html: await renderPreview({
        viewer,
        kind: submission.value.pour,
        text: submission.value.texte,
        // Mentions resolve against the place, as on save; a place the viewer may not see is a 404.
        place: { ideaId: submission.value.idee, spaceSlug: submission.value.espace },
      }),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
