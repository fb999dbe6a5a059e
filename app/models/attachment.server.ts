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
import { newId } from "~/lib/id.ts";
import { STORAGE_KEY } from "~/lib/file-storage.ts";
import { fileStorage } from "~/lib/storage.server.ts";
import type { UploadedFile } from "~/lib/upload.server.ts";
import { ingestFile, type IngestedFile } from "./attachment-ingest.server.ts";
import { FILES_FIELD, type AttachmentKind } from "./attachment.ts";
import { avatarIdOfKey, avatarKeys } from "./avatar.ts";
import { recordAudit } from "./audit.server.ts";
import { forbidden, notFound, RuleBroken } from "./errors.ts";
import { requireVisibleIdea } from "./idea.server.ts";

export const uploadLimits = () => ({ maxFileBytes: env().UPLOAD_MAX_BYTES, maxFiles: env().UPLOAD_MAX_FILES });
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
  const { maxFileBytes, maxFiles } = uploadLimits();
  const tooMany = () => new RuleBroken("attachments.tooMany", { field: FILES_FIELD, params: { max: maxFiles } });
  const existing = await prisma.attachment.count({ where: { ideaId } });
  if (options.tooManyFiles || existing + files.length > maxFiles) throw tooMany();
  if (files.length === 0) throw new RuleBroken("form.required", { field: FILES_FIELD });
  const ingested: IngestedFile[] = [];
  for (const file of files) ingested.push(await ingestFile(file, { maxFileBytes }));
  const rows = ingested.map((file) => ({
    file,
    id: newId(),
    storageKey: `a/${newId()}`,
    thumbKey: file.thumbPath ? `t/${newId()}` : null,
  }));
  const storage = fileStorage();
  const keys = rows.flatMap((r) => [r.storageKey, ...(r.thumbKey ? [r.thumbKey] : [])]);
  try {
    for (const row of rows) {
      await storage.put(row.storageKey, row.file.path, row.file.mime);
      if (row.thumbKey && row.file.thumbPath) await storage.put(row.thumbKey, row.file.thumbPath, "image/webp");
    }
    await prisma.$transaction(async (tx) => {
      // The idea's row locked: two uploads at once cannot both pass the count.
      await tx.$queryRaw`select id from ideas where id = ${ideaId} for update`;
      if ((await tx.attachment.count({ where: { ideaId } })) + rows.length > maxFiles) throw tooMany();
      for (const { file, id, storageKey, thumbKey } of rows) {
        await tx.attachment.create({
          data: {
            id,
            ideaId,
            uploaderId: user.id,
            kind: file.kind,
            mime: file.mime,
            ext: file.ext,
            name: file.name,
            size: file.size,
            width: file.width,
            height: file.height,
            confidential: options.confidential ?? false,
            storageKey,
            thumbKey,
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: user.id,
          action: "attachment.add",
          target: { type: "idea", id: ideaId },
          after: {
            attachmentId: id,
            name: file.name,
            mime: file.mime,
            size: file.size,
            confidential: !!options.confidential,
          },
        });
      }
    });
  } catch (error) {
    await storage.delete(keys).catch(() => undefined);
    throw error;
  }
  return { ids: rows.map((r) => r.id) };
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
                ($2::text is not null and exists (select 1 from evaluation_assignments ea
                  where ea.idea_id = i.id and ea.evaluator_id = $2)) as evaluates
           from attachments a join ideas i on i.id = a.idea_id join spaces s on s.id = i.space_id
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
  if (!canSeeAttachment(viewer, idea, { uploaderId: row.uploader_id, confidential: row.confidential }, row.evaluates))
    notFound();
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
  const found = await prisma.attachment.findFirst({
    where: { id: attachmentId, ideaId },
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
  const storage = fileStorage();
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { rows } = await pool.query<{ key: string }>(
      `select storage_key as key from attachments where storage_key = any($1::text[])
        union select thumb_key from attachments where thumb_key = any($1::text[])`,
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
