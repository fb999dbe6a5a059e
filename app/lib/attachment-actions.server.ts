// The idea page's attachment forms, as HTTP (docs/decisions/0030-attachments-and-editor.md): attaching
// files (a multipart form read by readUploadForm) and removing one. A refusal answers the form with a 400
// naming the field (the file field, or the confidential box); nothing is stored then.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server.ts";
import { attachFiles, deleteAttachment } from "~/models/attachment.server.ts";
import { AttachFormSchema, AttachmentDeleteSchema } from "~/models/attachment.ts";
import { enforceRateLimits } from "~/models/rate-limit.server.ts";
import { redirectWithFlash } from "./flash.server.ts";
import { badRequest, clientIp } from "./http.server.ts";
import { attempt, ruleReply, ruleStatus } from "./rule-error.server.ts";
import type { UploadForm } from "./upload.server.ts";

export async function attachmentAction(options: {
  request: Request;
  user: SessionUser;
  ideaId: string;
  upload: UploadForm;
}): Promise<Response | ReturnType<typeof data>> {
  const { request, user, ideaId, upload } = options;
  const back = `/idees/${ideaId}`;
  const intent = upload.formData.get("intent");
  if (intent === "delete-attachment") {
    const submission = parseWithZod(upload.formData, { schema: AttachmentDeleteSchema });
    if (submission.status !== "success") badRequest();
    await deleteAttachment({ user, ideaId, attachmentId: submission.value.attachmentId });
    return redirectWithFlash(`${back}#attachments-title`, { key: "attachments.removed" });
  }
  const submission = parseWithZod(upload.formData, { schema: AttachFormSchema });
  if (submission.status !== "success") return data({ formId: "attach", result: submission.reply() }, { status: 400 });
  await enforceRateLimits({ user, ip: clientIp(request), action: "upload" });
  const outcome = await attempt(() =>
    attachFiles({
      user,
      ideaId,
      files: upload.files,
      tooManyFiles: upload.tooManyFiles,
      confidential: submission.value.confidential,
    }),
  );
  if (!outcome.ok)
    return data(
      { formId: "attach", result: submission.reply(ruleReply(outcome.error)) },
      { status: ruleStatus(outcome.error) },
    );
  return redirectWithFlash(`${back}#attachments-title`, {
    key: "attachments.added",
    params: { count: outcome.value.ids.length },
  });
}
