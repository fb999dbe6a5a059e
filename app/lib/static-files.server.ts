// The build's browser files, served without touching the page path (docs/decisions/0032). The list of
// files is read ONCE at start-up, so a page request never costs a `stat` (express.static on "/" stats
// every URL it is given before Remix sees it); an asset request is answered from that list, with the
// pre-compressed variant the browser accepts (scripts/lib/precompress-assets.ts writes `.br`/`.gz`).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

type Variant = { file: string; encoding: "br" | "gzip" | null };
type Entry = { type: string; variants: Variant[] };

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

function walk(dir: string, prefix: string, into: Map<string, Entry>) {
  const names = new Set(readdirSync(dir));
  for (const name of names) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      walk(file, `${prefix}${name}/`, into);
      continue;
    }
    if (name.endsWith(".br") || name.endsWith(".gz")) continue;
    const variants: Variant[] = [];
    if (names.has(`${name}.br`)) variants.push({ file: `${file}.br`, encoding: "br" });
    if (names.has(`${name}.gz`)) variants.push({ file: `${file}.gz`, encoding: "gzip" });
    variants.push({ file, encoding: null });
    into.set(`${prefix}${name}`, {
      type: TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream",
      variants,
    });
  }
}

/** Whether `encoding` is acceptable in an Accept-Encoding header (q=0 refuses it). */
export function accepts(header: string | undefined, encoding: string): boolean {
  if (!header) return false;
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (name !== encoding && name !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * A middleware serving the files under `root` that existed at start-up: those under /assets/ (content-
 * hashed names) cached for a year as immutable, the others for an hour. Any other URL goes on, untouched.
 */
export function builtFiles(root: string) {
  const files = new Map<string, Entry>();
  walk(root, "/", files);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const entry = files.get(req.path);
    if (!entry) return next();
    const accepted = req.get("accept-encoding");
    const variant = entry.variants.find((v) => v.encoding === null || accepts(accepted, v.encoding))!;
    const immutable = req.path.startsWith("/assets/");
    res.setHeader("Content-Type", entry.type);
    if (entry.variants.length > 1) res.setHeader("Vary", "Accept-Encoding");
    if (variant.encoding) res.setHeader("Content-Encoding", variant.encoding);
    res.sendFile(
      variant.file,
      { maxAge: immutable ? "1y" : "1h", immutable, lastModified: !immutable, etag: !immutable, dotfiles: "deny" },
      (error) => {
        if (error && !res.headersSent) next(error);
      },
    );
  };
}
