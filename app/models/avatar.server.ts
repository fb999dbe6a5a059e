// Avatars (docs/decisions/0039-avatars.md): a person's uploaded picture. The file passes the checks of
// every upload (size, type sniffed from the bytes, polyglots: app/models/attachment-ingest.server.ts), is
// decoded by sharp and re-encoded as two square WebP pictures without any metadata, stored through the
// attachments' storage (local disk or S3), and served to whoever may see it (canSeeAvatar). A new upload
// or a removal deletes the previous bytes once the row no longer points at them.
import sharp from "sharp";
import type { Viewer } from "~/auth/policy.ts";
import { canSeeAvatar } from "~/auth/policy-people.ts";
import { prisma } from "~/lib/db.server.ts";
import { newId } from "~/lib/id.ts";
import { fileStorage } from "~/lib/storage.server.ts";
import type { UploadedFile } from "~/lib/upload.server.ts";
import { checkUpload, MAX_INPUT_PIXELS } from "./attachment-ingest.server.ts";
import { AVATAR_FIELD, AVATAR_ID, AVATAR_SIZES, avatarKey, avatarKeys, type AvatarSize } from "./avatar.ts";
import { notFound, RuleBroken } from "./errors.ts";

/** The two pictures of the file, square (cropped around what draws the eye), in `<path>.p` and `<path>.m`. */
async function encodeAvatar(file: UploadedFile, params: Record<string, string | number>) {
  const out = { large: `${file.path}.p`, small: `${file.path}.m` };
  try {
    // Only the first frame of an animation; orientation applied to the pixels, then every metadata block dropped.
    const source = sharp(file.path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
    for (const size of ["large", "small"] as const)
      await source
        .clone()
        .resize({ width: AVATAR_SIZES[size], height: AVATAR_SIZES[size], fit: "cover", position: "attention" })
        .webp({ quality: 82 })
        .toFile(out[size]);
  } catch {
    throw new RuleBroken("attachments.unreadable", { field: AVATAR_FIELD, params });
  }
  return out;
}

/**
 * Replaces the person's avatar with the uploaded file (one file, an image). The new bytes are stored
 * before the row points at them, and removed again if the update fails; the previous ones go after.
 */
export async function setAvatar(options: {
  user: { id: string };
  files: readonly UploadedFile[];
  tooManyFiles?: boolean;
  maxFileBytes: number;
}): Promise<{ avatarId: string }> {
  const { user, files, maxFileBytes } = options;
  const file = files.find((f) => f.field === AVATAR_FIELD);
  if (!file) throw new RuleBroken("form.required", { field: AVATAR_FIELD });
  if (options.tooManyFiles || files.length > 1) throw new RuleBroken("avatar.oneFile", { field: AVATAR_FIELD });
  const notImage = (params: Record<string, string | number>) =>
    new RuleBroken("avatar.notImage", { field: AVATAR_FIELD, params });
  const { accepted, params } = await checkUpload(file, { maxFileBytes, field: AVATAR_FIELD }).catch((error) => {
    // The attachments' message lists documents too: here, only pictures are wanted.
    if (error instanceof RuleBroken && error.key === "attachments.typeRefused") throw notImage(error.options.params!);
    throw error;
  });
  if (accepted.kind !== "IMAGE") throw notImage(params);
  const encoded = await encodeAvatar(file, params);
  const avatarId = newId();
  const storage = fileStorage();
  try {
    await storage.put(avatarKey(avatarId, "large"), encoded.large, "image/webp");
    await storage.put(avatarKey(avatarId, "small"), encoded.small, "image/webp");
    const previous = await replaceAvatarId(user.id, avatarId);
    if (previous) await removeAvatarFiles(previous);
  } catch (error) {
    await storage.delete(avatarKeys(avatarId)).catch(() => undefined);
    throw error;
  }
  return { avatarId };
}

/** Removes the person's avatar (back to initials) and its bytes. Nothing to remove is not an error. */
export async function removeAvatar(options: { user: { id: string } }): Promise<void> {
  const previous = await replaceAvatarId(options.user.id, null);
  if (previous) await removeAvatarFiles(previous);
}

/** Sets the person's avatar id, returning the one it replaced (read under the row's lock). */
async function replaceAvatarId(userId: string, avatarId: string | null): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ avatar_id: string | null }[]>`
      select avatar_id from users where id = ${userId} for update`;
    if (rows.length === 0) notFound();
    await tx.user.update({ where: { id: userId }, data: { avatarId }, select: { id: true } });
    return rows[0]!.avatar_id;
  });
}

/** After a commit that dropped the row's reference: the bytes go (the orphan sweep retries what fails). */
export async function removeAvatarFiles(avatarId: string): Promise<void> {
  await fileStorage()
    .delete(avatarKeys(avatarId))
    .catch(() => undefined);
}

/** The picture for a download, if the viewer may see it; else NotFound (a 404, like a missing one). */
export async function getAvatarForDownload(viewer: Viewer, avatarId: string, size: AvatarSize) {
  if (!AVATAR_ID.test(avatarId)) notFound();
  const person = await prisma.user.findUnique({
    where: { avatarId },
    select: { id: true, profilePrivate: true },
  });
  if (!person || !canSeeAvatar(viewer, person)) notFound();
  const body = await fileStorage().get(avatarKey(avatarId, size));
  if (!body) notFound();
  return body;
}
