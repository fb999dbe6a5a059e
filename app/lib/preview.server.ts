// The editor's preview without JavaScript (docs/decisions/0030-attachments-and-editor.md): a form sent
// with `intent=preview` (the "Prévisualiser" submit button) is answered with the same page, the text kept
// as typed (conform's `initialValue`, nothing validated, nothing stored) and the body rendered by the
// server exactly as it will be published.
import type { SubmissionResult } from "@conform-to/react";
import type { Viewer } from "~/auth/policy.ts";
import { renderPreview } from "~/models/preview.server.ts";
import type { PreviewKind } from "~/models/preview.ts";

export const wantsPreview = (formData: FormData) => formData.getAll("intent").includes("preview");

export async function previewAnswer(
  formData: FormData,
  options: { kind: PreviewKind; viewer: NonNullable<Viewer>; place: { ideaId?: string; spaceSlug?: string } },
) {
  const initialValue: Record<string, string | string[]> = {};
  for (const name of new Set(formData.keys())) {
    if (name === "intent") continue;
    const values = formData.getAll(name).filter((v): v is string => typeof v === "string");
    initialValue[name] = values.length === 1 ? values[0]! : values;
  }
  const body = formData.get("body");
  const result: SubmissionResult<string[]> = { initialValue };
  const text = typeof body === "string" ? body : "";
  return { result, preview: await renderPreview({ ...options, text }) };
}
