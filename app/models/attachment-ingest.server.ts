// Turning an uploaded file into what is stored (docs/decisions/0030-attachments-and-editor.md): its type
// is sniffed from its bytes by file-type and must be on the allow-list (app/models/attachment.ts); its
// bytes are scanned for markup and archive signatures (a polyglot is refused); an image is decoded and
// re-encoded by sharp — orientation applied first, every metadata block (EXIF, GPS, XMP, ICC comments)
// dropped, scaled down past IMAGE_MAX_SIDE — and gets a WebP thumbnail. A document is kept as sent.
// Every refusal is a RuleBroken naming the file field, so the form answers 400 with the reason.
import { fileTypeFromFile } from "file-type";
import { open } from "node:fs/promises";
import sharp from "sharp";
import type { UploadedFile } from "~/lib/upload.server.ts";
import {
  ACCEPTED_TYPES,
  cleanFileName,
  FILES_FIELD,
  IMAGE_MAX_SIDE,
  MARKUP_SIGNATURES,
  THUMBNAIL_SIZE,
  type AttachmentKind,
} from "./attachment.ts";
import { RuleBroken } from "./errors.ts";

export type IngestedFile = {
  kind: AttachmentKind;
  mime: string;
  ext: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  /** The bytes to store, and the thumbnail's (images only). */
  path: string;
  thumbPath: string | null;
};

const msgKey = (key: "typeRefused" | "tooLarge" | "empty" | "polyglot" | "unreadable") => `attachments.${key}` as const;
const refuse = (
  key: Parameters<typeof msgKey>[0],
  params: Record<string, string | number>,
  field: string = FILES_FIELD,
): never => {
  throw new RuleBroken(msgKey(key), { field, params });
};

const SNIFF_WINDOW = 1445;
/** A ZIP end-of-central-directory record is within its last 65,557 bytes. */
const ZIP_TAIL = 65_557;
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Pixels sharp agrees to decode (a 10 MB file can claim a billion pixels: a decompression bomb). */
export const MAX_INPUT_PIXELS = 64_000_000;

/**
 * The checks every uploaded file passes before its bytes are used (attachments, avatars): within the
 * size limit, not empty, its type sniffed from the bytes and on the allow-list, not a polyglot. A
 * refusal is a RuleBroken naming `field`. Returns the sniffed type, what it is stored as, and the
 * parameters of the messages (the file's name, the limit in megabytes).
 */
export async function checkUpload(file: UploadedFile, options: { maxFileBytes: number; field: string }) {
  const { field } = options;
  const params = { name: file.clientName.slice(0, 120), max: Math.round(options.maxFileBytes / 104_857.6) / 10 };
  if (file.truncated || file.size > options.maxFileBytes) refuse("tooLarge", params, field);
  if (file.size === 0) refuse("empty", params, field);
  const sniffed = await fileTypeFromFile(file.path).catch(() => undefined);
  const accepted = sniffed ? ACCEPTED_TYPES[sniffed.mime] : undefined;
  if (!sniffed || !accepted) return refuse("typeRefused", params, field);
  const archiveRefused = accepted.kind === "IMAGE" || sniffed.mime === "application/pdf";
  if (await isPolyglot(file.path, file.size, archiveRefused)) refuse("polyglot", params, field);
  return { sniffedMime: sniffed.mime, accepted, params };
}

export async function ingestFile(file: UploadedFile, options: { maxFileBytes: number }): Promise<IngestedFile> {
  const { sniffedMime, accepted, params } = await checkUpload(file, { ...options, field: FILES_FIELD });
  const name = cleanFileName(file.clientName, accepted.ext);
  if (accepted.kind === "DOCUMENT")
    return {
      kind: "DOCUMENT",
      mime: accepted.storedAs,
      ext: accepted.ext,
      name,
      size: file.size,
      width: null,
      height: null,
      path: file.path,
      thumbPath: null,
    };
  const out = `${file.path}.out`;
  const thumbPath = `${file.path}.thumb`;
  try {
    const animated = sniffedMime === "image/gif" || sniffedMime === "image/webp";
    let image = sharp(file.path, { animated, limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: "inside", withoutEnlargement: true });
    image =
      accepted.storedAs === "image/png"
        ? image.png()
        : accepted.storedAs === "image/jpeg"
          ? image.jpeg({ quality: 85, mozjpeg: true })
          : image.webp({ quality: 85 });
    const info = await image.toFile(out);
    await sharp(out, { limitInputPixels: MAX_INPUT_PIXELS })
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(thumbPath);
    return {
      kind: "IMAGE",
      mime: accepted.storedAs,
      ext: accepted.ext,
      name,
      size: info.size,
      width: info.width,
      height: info.pageHeight ?? info.height,
      path: out,
      thumbPath,
    };
  } catch {
    return refuse("unreadable", params);
  }
}

/**
 * Whether the file is a polyglot: markup in the bytes a browser sniffs (the first 1,445, WHATWG MIME
 * Sniffing), or — in an image or a PDF — a ZIP archive's end record where ZIP readers look for it (the
 * last 64 KiB): a JAR/ZIP hidden behind a picture. Only these windows are read: a signature elsewhere in
 * compressed bytes would be chance, and the whole of an image is replaced by its re-encoding anyway.
 */
async function isPolyglot(file: string, size: number, archiveRefused: boolean): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(SNIFF_WINDOW, size));
    await handle.read(head, 0, head.length, 0);
    const text = head.toString("latin1").toLowerCase();
    if (MARKUP_SIGNATURES.some((s) => text.includes(s))) return true;
    if (!archiveRefused) return false;
    const tailLength = Math.min(ZIP_TAIL, size);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return tail.includes(ZIP_END);
  } finally {
    await handle.close();
  }
}
