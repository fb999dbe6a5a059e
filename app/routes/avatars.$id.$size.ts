// /avatars/<id>/<256|64>: a person's uploaded picture (docs/decisions/0039-avatars.md), for whoever may
// see it (canSeeAvatar: a private profile's picture only for themselves and admins); a 404 otherwise.
// The id is fresh at each upload, so the bytes of a URL never change: browsers keep them for a year,
// and only the browser (private: who may see a picture depends on who asks).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/session.server.ts";
import { fileResponse } from "~/lib/file-response.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { getAvatarForDownload } from "~/models/avatar.server.ts";
import { sizeOfPath } from "~/models/avatar.ts";

const AVATAR_CACHE_CONTROL = "private, max-age=31536000, immutable";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const size = sizeOfPath(params.size ?? "");
  if (!size) notFound();
  const viewer = await getViewer(request);
  const body = await getAvatarForDownload(viewer, params.id ?? "", size);
  return fileResponse({
    body,
    mime: "image/webp",
    name: "avatar.webp",
    size: null,
    inline: true,
    cacheControl: AVATAR_CACHE_CONTROL,
  });
}
