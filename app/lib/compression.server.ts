// Pages and API answers compressed on the fly (brotli at quality 4 when accepted, else gzip): the list page's
// 40 KB of HTML travel as ~7 KB. Files are sent pre-compressed by static-files.server.ts, before this.
import type { IncomingMessage } from "node:http";
import compression from "compression";
import type { Request, Response } from "express";

/**
 * Single fetch's answer to an action (`POST <path>.data`: a fetcher's or a form's submission with
 * JavaScript) is the action's data: a vote's state, a form's errors, a redirect, a few hundred bytes.
 * Remix streams it without Content-Length, so compression's threshold (1 KB) never saw its size and every
 * such answer paid a compression stream of its own, started and flushed for ~100 bytes: 10–18 % of the app's
 * CPU under a vote load (docs/decisions/0062). They go as they are; everything else as before.
 */
export function isActionDataAnswer(req: Pick<IncomingMessage, "method" | "url">): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const end = req.url.indexOf("?");
  return (end === -1 ? req.url : req.url.slice(0, end)).endsWith(".data");
}

export const compressAnswers = () =>
  compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => !isActionDataAnswer(req) && compression.filter(req, res),
  });
