// Attachments of ideas (docs/decisions/0030-attachments-and-editor.md): attaching files (checked,
// re-encoded, stored, then recorded in one transaction with its audit entry), reading one for a
// download through the policy (app/auth/policy-attachments.ts), removing one, and the crontab's sweep of
// stored files that no row points to. The idea page lists them from its own statement
// (app/models/idea-page.server.ts) and filters them with the same policy function.
import { canAttachTo, canDeleteAttachment, canMarkConfidential, canSeeAttachment } from "~/auth/policy-attachments.ts";
import type { Viewer } from "~/auth/policy.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { SpaceAudience } from "~/generated/prisma/enums.ts";
import { pool, prisma } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { STORAGE_KEY } from "~/lib/file-storage.ts";
import { fileStorage } from "~/lib/storage.server.ts";
import type { UploadedFile } from "~/lib/upload.server.ts";
import {
  checkFileBatch,
  expirePendingUploads,
  uploadLimits,
  withStoredBatch,
  writeBatchRows,
} from "./attachment-batch.server.ts";
import { FILES_FIELD, type AttachmentKind } from "./attachment.ts";
import { avatarIdOfKey, avatarKeys } from "./avatar.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { requireVisibleIdea } from "./idea.server.ts";

export { uploadLimits };
/** The limits as the form tells them: megabytes to one decimal, files per idea. */
export const uploadLimitsShown = () => ({
  maxMegabytes: Math.round(env().UPLOAD_MAX_BYTES / 104_857.6) / 10,
  maxFiles: env().UPLOAD_MAX_FILES,
});

/**
 * Attaches the uploaded files to the idea: all of them or none. Every file is checked and re-encoded
 * before anything is stored; the bytes are stored before the rows are written (a row never points at
 * nothing), and removed again when the transaction fails (the sweep catches what a crash leaves).
 */
export async function attachFiles(options: {
  user: SessionUser;
  ideaId: string;
  files: readonly UploadedFile[];
  tooManyFiles?: boolean;
  confidential?: boolean;
}): Promise<{ ids: string[] }> {
  const { user, ideaId, files } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  if (!canAttachTo(user, idea)) forbidden();
  if (options.confidential && !canMarkConfidential(user, idea))
    throw new RuleBroken("attachments.confidentialInternalOnly", { field: "confidential" });
  const limits = uploadLimits();
  const { maxFiles } = limits;
  const tooMany = () => new RuleBroken("attachments.tooMany", { field: FILES_FIELD, params: { max: maxFiles } });
  // The idea's own files count (a comment's images are its comment's).
  const own = { ideaId, commentId: null };
  const existing = await prisma.attachment.count({ where: own });
  if (options.tooManyFiles || existing + files.length > maxFiles) throw tooMany();
  if (files.length === 0) throw new RuleBroken("form.required", { field: FILES_FIELD });
  const batch = await checkFileBatch({ user, files, keptIds: [], limits });
  const ids = await withStoredBatch(batch, (stored) =>
    prisma.$transaction(async (tx) => {
      // The idea's row locked: two uploads at once cannot both pass the count.
      await tx.$queryRaw`select id from ideas where id = ${ideaId} for update`;
      if ((await tx.attachment.count({ where: own })) + stored.length > maxFiles) throw tooMany();
      return writeBatchRows(tx, { batch, stored, ideaId, confidential: options.confidential });
    }),
  );
  return { ids };
}

type DownloadRow = {
  id: string;
  kind: AttachmentKind;
  mime: string;
  name: string;
  size: number;
  confidential: boolean;
  uploader_id: string;
  storage_key: string;
  thumb_key: string | null;
  author_id: string;
  hidden_at: Date | null;
  merged_into_id: string | null;
  space_id: string;
  audience: SpaceAudience;
  evaluates: boolean;
  comment_author_id: string | null;
  comment_hidden_at: Date | null;
  comment_deleted_at: Date | null;
};

/**
 * An attachment the viewer may see, with the key of the bytes asked for, or NotFound (a 404, whether it
 * does not exist or may not be seen): the same check as the idea's page, plus the confidential rule.
 */
export async function getAttachmentForDownload(viewer: Viewer, attachmentId: string, variant: "file" | "thumbnail") {
  const { rows } = /^[A-Za-z0-9_-]{1,64}$/.test(attachmentId)
    ? await pool.query<DownloadRow>(
        `select a.id, a.kind, a.mime, a.name, a.size, a.confidential, a.uploader_id, a.storage_key, a.thumb_key,
                i.author_id, i.hidden_at, i.merged_into_id, s.id as space_id, s.audience,
                c.author_id as comment_author_id, c.hidden_at as comment_hidden_at, c.deleted_at as comment_deleted_at,
                ($2::text is not null and exists (select 1 from evaluation_assignments ea
                  where ea.idea_id = i.id and ea.evaluator_id = $2)) as evaluates
           from attachments a join ideas i on i.id = a.idea_id join spaces s on s.id = i.space_id
           left join comments c on c.id = a.comment_id
          where a.id = $1`,
        [attachmentId, viewer?.id ?? null],
      )
    : { rows: [] };
  const row = rows[0];
  if (!row) notFound();
  const idea = {
    authorId: row.author_id,
    hiddenAt: row.hidden_at,
    mergedIntoId: row.merged_into_id,
    space: { id: row.space_id, audience: row.audience },
  };
  // A comment's image: seen by whoever may read the comment (hidden: its author and moderators; deleted: nobody).
  const comment = row.comment_author_id
    ? { authorId: row.comment_author_id, hiddenAt: row.comment_hidden_at, deletedAt: row.comment_deleted_at }
    : null;
  const ref = { uploaderId: row.uploader_id, confidential: row.confidential, comment };
  if (!canSeeAttachment(viewer, idea, ref, row.evaluates)) notFound();
  const key = variant === "thumbnail" ? row.thumb_key : row.storage_key;
  if (!key) notFound();
  const body = await fileStorage().get(key);
  if (!body) notFound();
  return {
    body,
    kind: row.kind,
    mime: variant === "thumbnail" ? "image/webp" : row.mime,
    name: row.name,
    size: variant === "thumbnail" ? null : row.size,
  };
}

export async function deleteAttachment(options: { user: SessionUser; ideaId: string; attachmentId: string }) {
  const { user, ideaId, attachmentId } = options;
  const idea = await requireVisibleIdea(user, ideaId);
  // The idea's own files (a comment's images leave with their comment).
  const found = await prisma.attachment.findFirst({
    where: { id: attachmentId, ideaId, commentId: null },
    select: { id: true, uploaderId: true, confidential: true, name: true, storageKey: true, thumbKey: true },
  });
  if (!found) notFound();
  if (!canSeeAttachment(user, idea, found, false) && user.role !== "ADMIN") notFound();
  if (!canDeleteAttachment(user, idea, found)) forbidden();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.attachment.deleteMany({ where: { id: attachmentId, ideaId } });
    if (count === 0) notFound();
    await recordAudit(tx, {
      actorId: user.id,
      action: "attachment.delete",
      target: { type: "idea", id: ideaId },
      before: { attachmentId, name: found.name },
    });
  });
  await removeStoredFiles([found]);
}

/** After a commit that removed attachment rows: their bytes go too (the sweep retries what fails here). */
export async function removeStoredFiles(rows: readonly { storageKey: string; thumbKey: string | null }[]) {
  const keys = rows.flatMap((r) => [r.storageKey, ...(r.thumbKey ? [r.thumbKey] : [])]);
  if (keys.length)
    await fileStorage()
      .delete(keys)
      .catch(() => undefined);
}

/**
 * The orphan sweep (crontab): stored files that no attachment row (nor person's avatar) points to, older than `graceMs` (an
 * upload in progress stores its bytes shortly before writing its rows), are deleted. Returns how many.
 */
export async function sweepOrphanFiles(options: { graceMs?: number } = {}): Promise<number> {
  const cutoff = Date.now() - (options.graceMs ?? 60 * 60_000);
  // Files kept for a form (pending uploads) wait a day; then their bytes are orphans like any other.
  await expirePendingUploads();
  const storage = fileStorage();
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { rows } = await pool.query<{ key: string }>(
      `select storage_key as key from attachments where storage_key = any($1::text[])
        union select thumb_key from attachments where thumb_key = any($1::text[])
        union select storage_key from pending_uploads where storage_key = any($1::text[])
        union select thumb_key from pending_uploads where thumb_key = any($1::text[])`,
      [batch],
    );
    const known = new Set(rows.map((r) => r.key));
    // Avatars live in the same storage (docs/decisions/0039-avatars.md): their keys are known by the users' rows.
    const avatarIds = batch.map(avatarIdOfKey).filter((id): id is string => id !== null);
    if (avatarIds.length) {
      const users = await pool.query<{ avatar_id: string }>(
        `select avatar_id from users where avatar_id = any($1::text[])`,
        [avatarIds],
      );
      for (const { avatar_id } of users.rows) for (const key of avatarKeys(avatar_id)) known.add(key);
    }
    const orphans = batch.filter((k) => !known.has(k));
    if (orphans.length) await storage.delete(orphans);
    removed += orphans.length;
    batch = [];
  };
  for await (const object of storage.list()) {
    if (object.modifiedAt.getTime() > cutoff || !STORAGE_KEY.test(object.key)) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return removed;
}
