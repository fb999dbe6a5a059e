// A form's files on their way to becoming attachments (docs/decisions/0030-attachments-and-editor.md):
// the files of the request, checked and re-encoded (attachment-ingest.server.ts), and the files kept
// from an earlier answer of the same form (pending uploads: a preview without JavaScript, or a form
// refused for another field — browsers never refill a file input). The steps, so that nothing is half
// stored: check everything (all or none), store the new bytes, then write the rows inside the very
// transaction that creates the idea or the comment (claiming the kept files there); if that transaction
// fails, the new bytes are deleted again.
import { pool, prisma, type Tx } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { newId } from "~/lib/id.ts";
import { isRecordId } from "~/lib/validation.ts";
import { fileStorage } from "~/lib/storage.server.ts";
import type { UploadedFile } from "~/lib/upload.server.ts";
import { ingestFile, type IngestedFile } from "./attachment-ingest.server.ts";
import { FILES_FIELD, type AttachmentKind, type KeptFileView } from "./attachment.ts";
import { recordAudit } from "./audit.server.ts";
import { RuleBroken } from "./errors.ts";

export type FileBatch = {
  userId: string;
  fresh: IngestedFile[];
  kept: KeptFileView[];
};

/** A checked file whose bytes are stored, ready for its row. */
type StoredFile = Omit<IngestedFile, "path" | "thumbPath"> & { storageKey: string; thumbKey: string | null };

export const uploadLimits = () => ({ maxFileBytes: env().UPLOAD_MAX_BYTES, maxFiles: env().UPLOAD_MAX_FILES });

/** A form's files as a route reads them: the request's, the kept ones' ids, and whether too many came. */
export type FormFiles = { files: readonly UploadedFile[]; keptIds: readonly string[]; tooManyFiles?: boolean };

/** checkFileBatch with the configured limits (a form without files gives an empty batch). */
export const checkFormFiles = (user: { id: string }, files?: FormFiles, options: { imagesOnly?: boolean } = {}) =>
  checkFileBatch({
    user,
    files: files?.files ?? [],
    keptIds: files?.keptIds ?? [],
    tooManyFiles: files?.tooManyFiles,
    limits: uploadLimits(),
    imagesOnly: options.imagesOnly,
  });

/** How long a kept file waits for its form (then the sweep removes it). */
export const PENDING_UPLOAD_TTL_MS = 24 * 60 * 60_000;

/**
 * Checks the form's files — the new ones and those kept (by id, the person's own, not expired) — against
 * the count limit and the allow-list; re-encodes the new ones. Throws a RuleBroken naming the file field.
 */
export async function checkFileBatch(options: {
  user: { id: string };
  files: readonly UploadedFile[];
  keptIds: readonly string[];
  tooManyFiles?: boolean;
  limits: { maxFileBytes: number; maxFiles: number };
  /** Comments carry images only. */
  imagesOnly?: boolean;
}): Promise<FileBatch> {
  const { user, files, limits } = options;
  const keptIds = [...new Set(options.keptIds)].slice(0, limits.maxFiles + 1);
  // A malformed id (a NUL byte PostgreSQL would refuse) names no kept file: the same refusal, no query.
  if (!keptIds.every(isRecordId)) throw new RuleBroken("attachments.keptExpired", { field: FILES_FIELD });
  const kept = keptIds.length
    ? await prisma.pendingUpload.findMany({
        where: {
          id: { in: keptIds },
          uploaderId: user.id,
          createdAt: { gt: new Date(Date.now() - PENDING_UPLOAD_TTL_MS) },
        },
        select: { id: true, kind: true, name: true, size: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  if (kept.length < keptIds.length) throw new RuleBroken("attachments.keptExpired", { field: FILES_FIELD });
  if (options.tooManyFiles || kept.length + files.length > limits.maxFiles)
    throw new RuleBroken(options.imagesOnly ? "attachments.tooManyComment" : "attachments.tooMany", {
      field: FILES_FIELD,
      params: { max: limits.maxFiles },
    });
  const fresh: IngestedFile[] = [];
  for (const file of files) fresh.push(await ingestFile(file, { maxFileBytes: limits.maxFileBytes }));
  const refused = [...kept, ...fresh].find((f) => f.kind !== "IMAGE");
  if (options.imagesOnly && refused)
    throw new RuleBroken("attachments.imagesOnly", { field: FILES_FIELD, params: { name: refused.name } });
  return { userId: user.id, fresh, kept: kept.map((k) => ({ ...k, kind: k.kind as AttachmentKind })) };
}

export const batchIsEmpty = (batch: FileBatch) => batch.fresh.length === 0 && batch.kept.length === 0;

/**
 * Stores the batch's new bytes (before any row points at them) and runs `write` — the transaction that
 * records the idea or comment with its rows (writeBatchRows). The bytes are deleted again if it fails.
 */
export async function withStoredBatch<T>(batch: FileBatch, write: (stored: StoredFile[]) => Promise<T>): Promise<T> {
  const storage = fileStorage();
  const stored: StoredFile[] = [];
  const keys = () => stored.flatMap((s) => [s.storageKey, ...(s.thumbKey ? [s.thumbKey] : [])]);
  try {
    for (const { path, thumbPath, ...file } of batch.fresh) {
      const row: StoredFile = { ...file, storageKey: `a/${newId()}`, thumbKey: thumbPath ? `t/${newId()}` : null };
      stored.push(row);
      await storage.put(row.storageKey, path, file.mime);
      if (row.thumbKey && thumbPath) await storage.put(row.thumbKey, thumbPath, "image/webp");
    }
    return await write(stored);
  } catch (error) {
    await storage.delete(keys()).catch(() => undefined);
    throw error;
  }
}

/**
 * Inside the creating transaction: claims the kept files (their pending rows go; a file claimed by a
 * concurrent form is refused) and writes one attachment row per file, audited. Returns the ids.
 */
export async function writeBatchRows(
  tx: Tx,
  options: {
    batch: FileBatch;
    stored: readonly StoredFile[];
    ideaId: string;
    commentId?: string | null;
    confidential?: boolean;
  },
): Promise<string[]> {
  const { batch, ideaId } = options;
  const claimed = batch.kept.length
    ? await tx.pendingUpload.findMany({
        where: { id: { in: batch.kept.map((k) => k.id) }, uploaderId: batch.userId },
        select: {
          kind: true,
          mime: true,
          ext: true,
          name: true,
          size: true,
          width: true,
          height: true,
          storageKey: true,
          thumbKey: true,
        },
      })
    : [];
  if (batch.kept.length) {
    const { count } = await tx.pendingUpload.deleteMany({
      where: { id: { in: batch.kept.map((k) => k.id) }, uploaderId: batch.userId },
    });
    if (count !== batch.kept.length) throw new RuleBroken("attachments.keptExpired", { field: FILES_FIELD });
  }
  const ids: string[] = [];
  for (const file of [...claimed, ...options.stored]) {
    const id = newId();
    ids.push(id);
    await tx.attachment.create({
      data: {
        id,
        ideaId,
        commentId: options.commentId ?? null,
        uploaderId: batch.userId,
        kind: file.kind,
        mime: file.mime,
        ext: file.ext,
        name: file.name,
        size: file.size,
        width: file.width,
        height: file.height,
        confidential: options.confidential ?? false,
        storageKey: file.storageKey,
        thumbKey: file.thumbKey,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: batch.userId,
      action: "attachment.add",
      target: { type: "idea", id: ideaId },
      after: {
        attachmentId: id,
        name: file.name,
        mime: file.mime,
        size: file.size,
        confidential: !!options.confidential,
        ...(options.commentId ? { commentId: options.commentId } : {}),
      },
    });
  }
  return ids;
}

/** How many pending uploads a person keeps at most (times UPLOAD_MAX_FILES); beyond it, the oldest go. */
export const PENDING_UPLOADS_PER_PERSON = 3;

/**
 * The form was only previewed, or refused for another field: its new files are stored as the person's
 * pending uploads, and every kept file is offered again by the answered form. A person keeps at most
 * PENDING_UPLOADS_PER_PERSON × UPLOAD_MAX_FILES of them: beyond it, their oldest ones not on this form go
 * (rows and bytes), so a form left open longer may find its files gone (attachments.keptExpired).
 */
export async function keepBatchPending(batch: FileBatch): Promise<KeptFileView[]> {
  if (batch.fresh.length === 0) return batch.kept;
  const added = await withStoredBatch(batch, (stored) =>
    prisma.$transaction(
      stored.map((file) =>
        prisma.pendingUpload.create({
          data: { id: newId(), uploaderId: batch.userId, ...file },
          select: { id: true, kind: true, name: true, size: true },
        }),
      ),
    ),
  );
  const kept = [...batch.kept, ...added.map((a) => ({ ...a, kind: a.kind as AttachmentKind }))];
  await dropOldestPending(
    batch.userId,
    kept.map((k) => k.id),
  );
  return kept;
}

async function dropOldestPending(userId: string, keep: readonly string[]) {
  const beyond = await prisma.pendingUpload.findMany({
    where: { uploaderId: userId, id: { notIn: [...keep] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: Math.max(0, PENDING_UPLOADS_PER_PERSON * env().UPLOAD_MAX_FILES - keep.length),
    select: { id: true },
  });
  if (beyond.length === 0) return;
  // Only the rows this statement deletes lose their bytes: a form claiming one meanwhile keeps it.
  const { rows } = await pool.query<{ storage_key: string; thumb_key: string | null }>(
    `delete from pending_uploads where id = any($1::text[]) and uploader_id = $2 returning storage_key, thumb_key`,
    [beyond.map((b) => b.id), userId],
  );
  const keys = rows.flatMap((r) => [r.storage_key, ...(r.thumb_key ? [r.thumb_key] : [])]);
  // Bytes not deleted now are orphans the hourly sweep removes.
  await fileStorage()
    .delete(keys)
    .catch(() => undefined);
}

/** The person's kept files among these ids (still waiting), as the form offers them again. */
export async function listKeptFiles(user: { id: string }, ids: readonly string[]): Promise<KeptFileView[]> {
  const valid = ids.filter(isRecordId).slice(0, 50);
  if (valid.length === 0) return [];
  const rows = await prisma.pendingUpload.findMany({
    where: {
      id: { in: valid },
      uploaderId: user.id,
      createdAt: { gt: new Date(Date.now() - PENDING_UPLOAD_TTL_MS) },
    },
    select: { id: true, kind: true, name: true, size: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r, kind: r.kind as AttachmentKind }));
}

/** The sweep's first step: pending uploads older than a day lose their rows (their bytes follow as orphans). */
export async function expirePendingUploads(): Promise<number> {
  const { count } = await prisma.pendingUpload.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - PENDING_UPLOAD_TTL_MS) } },
  });
  return count;
}
