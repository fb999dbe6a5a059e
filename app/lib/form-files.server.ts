// The files of a form that creates something (a proposed idea, a comment), as HTTP
// (docs/decisions/0030-attachments-and-editor.md). When the form is answered without storing anything —
// a preview without JavaScript, or a refusal of another field — its files are not dropped: they are
// checked and kept as the person's pending uploads, and the answered form offers them again (browsers
// never refill a file input). A refusal of the files themselves comes back as the file field's message.
import type { SubmissionResult } from "@conform-to/react";
import type { SessionUser } from "~/auth/session.server.ts";
import { checkFormFiles, keepBatchPending, listKeptFiles, type FormFiles } from "~/models/attachment-batch.server.ts";
import { FILES_FIELD, KEPT_FIELD, type KeptFileView } from "~/models/attachment.ts";
import { RuleBroken } from "~/models/errors.ts";
import { enforceRateLimits } from "~/models/rate-limit.server.ts";
import { clientIp } from "./http.server.ts";
import type { UploadForm } from "./upload.server.ts";
import { msg } from "./validation.ts";

export const formFiles = (upload: UploadForm): FormFiles => ({
  files: upload.files.filter((f) => f.field === FILES_FIELD),
  keptIds: upload.formData.getAll(KEPT_FIELD).filter((v): v is string => typeof v === "string"),
  tooManyFiles: upload.tooManyFiles,
});

export const hasFiles = (files: FormFiles) => files.files.length > 0 || files.keptIds.length > 0;

/** Sending new files counts against the upload limits (a 429 beyond them). */
export async function limitUploads(request: Request, user: SessionUser, files: FormFiles) {
  if (files.files.length > 0) await enforceRateLimits({ user, ip: clientIp(request), action: "upload" });
}

/**
 * Keeps the form's files for its next sending: the files kept before, plus the new ones once checked.
 * A new file refused is reported (the kept ones are still offered).
 */
export async function keepFormFiles(options: {
  request: Request;
  user: SessionUser;
  upload: UploadForm;
  imagesOnly?: boolean;
}): Promise<{ kept: KeptFileView[]; refusal: RuleBroken | null }> {
  const { request, user, upload } = options;
  const files = formFiles(upload);
  if (!hasFiles(files)) return { kept: [], refusal: null };
  await limitUploads(request, user, files);
  try {
    const batch = await checkFormFiles(user, files, { imagesOnly: options.imagesOnly });
    return { kept: await keepBatchPending(batch), refusal: null };
  } catch (error) {
    if (!(error instanceof RuleBroken)) throw error;
    return { kept: await listKeptFiles(user, files.keptIds), refusal: error };
  }
}

/** A form's answer with the file field's refusal added (next to the input). */
export function withFileRefusal(result: SubmissionResult<string[]>, refusal: RuleBroken | null) {
  if (!refusal) return result;
  const text = msg(refusal.key, refusal.options.params);
  return { ...result, error: { ...result.error, [refusal.field ?? FILES_FIELD]: [text] } };
}
