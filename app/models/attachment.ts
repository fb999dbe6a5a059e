// Attachments' pure rules (docs/decisions/0030-attachments-and-editor.md): which types are accepted (by
// the type sniffed from the bytes, never the client's name or MIME type), what each becomes once stored,
// how a client's file name is cleaned, and the signatures that betray a polyglot. Shared by the UI and
// the server.
import { z } from "zod";
import { recordId } from "~/lib/validation.ts";

/** The form field of the file picker (one field, several files). */
export const FILES_FIELD = "fichiers";

/** The form field of the files kept from an earlier answer of the same form (checkboxes of pending uploads' ids). */
export const KEPT_FIELD = "fichiersGardes";

export type AttachmentKind = "IMAGE" | "DOCUMENT";

/** A file a form keeps from its earlier answer (a preview, a refusal), as the form offers it again. */
export type KeptFileView = { id: string; kind: AttachmentKind; name: string; size: number };

/**
 * The allow-list, keyed by the MIME type file-type sniffs. Images are re-encoded by sharp (metadata
 * stripped, orientation applied); an animated or still GIF becomes WebP. Documents are kept as sent and
 * only ever served as downloads.
 */
export const ACCEPTED_TYPES: Record<string, { kind: AttachmentKind; ext: string; storedAs: string }> = {
  "image/png": { kind: "IMAGE", ext: "png", storedAs: "image/png" },
  "image/jpeg": { kind: "IMAGE", ext: "jpg", storedAs: "image/jpeg" },
  "image/webp": { kind: "IMAGE", ext: "webp", storedAs: "image/webp" },
  "image/gif": { kind: "IMAGE", ext: "webp", storedAs: "image/webp" },
  "application/pdf": { kind: "DOCUMENT", ext: "pdf", storedAs: "application/pdf" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    kind: "DOCUMENT",
    ext: "docx",
    storedAs: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    kind: "DOCUMENT",
    ext: "xlsx",
    storedAs: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    kind: "DOCUMENT",
    ext: "pptx",
    storedAs: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  },
  "application/vnd.oasis.opendocument.text": {
    kind: "DOCUMENT",
    ext: "odt",
    storedAs: "application/vnd.oasis.opendocument.text",
  },
  "application/vnd.oasis.opendocument.spreadsheet": {
    kind: "DOCUMENT",
    ext: "ods",
    storedAs: "application/vnd.oasis.opendocument.spreadsheet",
  },
};

/** What the file picker suggests (a hint for the browser only: the server sniffs every file). */
export const ACCEPT_ATTRIBUTE = ".png,.jpg,.jpeg,.webp,.gif,.pdf,.docx,.xlsx,.pptx,.odt,.ods";
/** The comment form's picker: images only. */
export const ACCEPT_IMAGES = ".png,.jpg,.jpeg,.webp,.gif";

/** The widest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 480;
/** Images larger than this on a side are scaled down when re-encoded (a photo of a phone is 4,000). */
export const IMAGE_MAX_SIDE = 2560;

/**
 * Markup a browser would run if it ever sniffed the file as HTML or SVG: refused in the first bytes of
 * every accepted file (app/models/attachment-ingest.server.ts). Compared case-insensitively.
 */
export const MARKUP_SIGNATURES = [
  "<script",
  "<html",
  "<!doctype",
  "<iframe",
  "<svg",
  "<body",
  "<head",
  "<object",
  "<embed",
  "<?xml-stylesheet",
  "javascript:",
] as const;

/**
 * The client's file name as shown and offered for download: its last path segment, without control,
 * bidi or path characters, at most 120 characters, and always ending with the sniffed type's extension.
 */
export function cleanFileName(raw: string, ext: string): string {
  const last = raw.split(/[\\/]/).pop() ?? "";
  const base = last
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>:|?*]/g, "")
    .replace(/\.[A-Za-z0-9]{1,8}$/, "")
    .trim()
    .slice(0, 110);
  return `${base || "fichier"}.${ext}`;
}

/** The form's other fields when attaching files (the files themselves are read by the upload parser). */
export const AttachFormSchema = z.object({
  confidential: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});
export const AttachmentDeleteSchema = z.object({ attachmentId: recordId() });
