// Avatars (docs/decisions/0039-avatars.md): the pure rules shared by the UI and the server — the form's
// field, the two sizes stored, the storage keys and the URL of a picture. An avatar's id is random and
// fresh at each upload, so the bytes behind a URL never change (they may be cached for good).
import { z } from "zod";
import { canSeeAvatar } from "~/auth/policy-people.ts";
import type { Viewer } from "~/auth/policy.ts";

/** The file input of the avatar form. */
export const AVATAR_FIELD = "avatar";

/** The avatar form's other fields (the file itself is read by the upload parser). */
export const AvatarFormSchema = z.object({ intent: z.literal("avatar") });

/** What the file picker suggests (a hint only: the server sniffs the bytes). */
export const AVATAR_ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

/** The square sizes stored, in pixels: the profile's picture, and the one next to names (2× their CSS size). */
export const AVATAR_SIZES = { large: 256, small: 64 } as const;
export type AvatarSize = keyof typeof AVATAR_SIZES;

const FOLDER: Record<AvatarSize, string> = { large: "p", small: "m" };

export const AVATAR_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The storage keys of an avatar's two sizes (app/lib/file-storage.ts). */
export const avatarKeys = (avatarId: string): string[] => [`p/${avatarId}`, `m/${avatarId}`];
export const avatarKey = (avatarId: string, size: AvatarSize) => `${FOLDER[size]}/${avatarId}`;

/** The avatar id a storage key belongs to, or null (another kind of stored file). */
export function avatarIdOfKey(key: string): string | null {
  const [folder, id] = key.split("/");
  return (folder === "p" || folder === "m") && id && AVATAR_ID.test(id) ? id : null;
}

/** `/avatars/<id>/256`: the size in the URL is the pixel size. */
export const avatarUrl = (avatarId: string, size: AvatarSize) => `/avatars/${avatarId}/${AVATAR_SIZES[size]}`;

export function sizeOfPath(value: string): AvatarSize | null {
  if (value === String(AVATAR_SIZES.large)) return "large";
  if (value === String(AVATAR_SIZES.small)) return "small";
  return null;
}

/** The picture this viewer sees next to the person's name, or null (initials, or nothing). */
export function visibleAvatarUrl(
  viewer: Viewer,
  person: { id: string; profilePrivate: boolean; avatarId: string | null },
  size: AvatarSize,
): string | null {
  return person.avatarId && canSeeAvatar(viewer, person) ? avatarUrl(person.avatarId, size) : null;
}
