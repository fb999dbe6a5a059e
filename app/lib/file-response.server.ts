// How a stored file goes out (docs/decisions/0030-attachments-and-editor.md). An image is shown inline
// with its sniffed type; a document is always a download (Content-Disposition: attachment) so that no
// browser renders it in our origin. Every file response also carries `nosniff` (server.ts, every response) and
// the sandboxing CSP (server.ts, for the whole /pieces-jointes/ path, app/lib/csp.ts), and is never kept by a shared
// cache: what one person may download, the next may not.
import { Readable } from "node:stream";

export function fileResponse(file: {
  body: Readable;
  mime: string;
  name: string;
  size: number | null;
  inline: boolean;
  /** Attachments: `private, no-cache` (the default). An avatar's URL names bytes that never change. */
  cacheControl?: string;
}): Response {
  // RFC 6266 / 8187: an ASCII fallback, and the exact name percent-encoded.
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const disposition = `${file.inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
  const headers = new Headers({
    "Content-Type": file.mime,
    "Content-Disposition": disposition,
    "Cache-Control": file.cacheControl ?? "private, no-cache",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
  if (file.size !== null) headers.set("Content-Length", String(file.size));
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, { status: 200, headers });
}
