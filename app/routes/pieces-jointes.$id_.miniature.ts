// /pieces-jointes/<id>/miniature: an image attachment's thumbnail, under the very same check as the file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/session.server.ts";
import { fileResponse } from "~/lib/file-response.server.ts";
import { getAttachmentForDownload } from "~/models/attachment.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const file = await getAttachmentForDownload(viewer, params.id ?? "", "thumbnail");
  return fileResponse({ ...file, inline: true });
}
