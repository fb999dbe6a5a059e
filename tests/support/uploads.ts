// What the upload tests share: the files the app stored under UPLOADS_DIR (disk storage, ADR 0030), and
// a small real PNG made by sharp.
import { readdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

/** Every stored file as "folder/name", or none when nothing was stored yet. */
export function storedFiles(): string[] {
  const root = process.env.UPLOADS_DIR!;
  try {
    return readdirSync(root).flatMap((folder) => readdirSync(path.join(root, folder)).map((f) => `${folder}/${f}`));
  } catch {
    return [];
  }
}

/** A 40×30 blue PNG. */
export function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: "#3060c0" } })
    .png()
    .toBuffer();
}
