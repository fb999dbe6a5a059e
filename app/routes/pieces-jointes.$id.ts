// /pieces-jointes/<id>: an attachment's bytes, for whoever may see it — the idea's own check plus the
// confidential rule (app/auth/policy-attachments.ts); everyone else gets a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/session.server.ts";
import { fileResponse } from "~/lib/file-response.server.ts";
import { getAttachmentForDownload } from "~/models/attachment.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const file = await getAttachmentForDownload(viewer, params.id ?? "", "file");
  return fileResponse({ ...file, inline: file.kind === "IMAGE" });
}
