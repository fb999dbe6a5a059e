// Reading a form that carries files (docs/decisions/0030-attachments-and-editor.md). The multipart body
// is parsed by busboy as it streams in: each file goes to a temporary file on disk, nothing is held in
// memory beyond busboy's small buffers, and every bound is enforced while reading — bytes per file,
// files per request, fields, the size of a text field and of the whole body. A file over the size limit
// is cut off and reported (the rest of its bytes are read and dropped, so the client gets its answer);
// a body far beyond every limit is aborted. Text fields come back as a FormData held to the same bounds
// as readForm's (app/lib/form-bounds.ts); a body that is not multipart is read by readForm itself.
import busboy from "busboy";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { formShapeProblem, FORM_LIMITS } from "./form-bounds.ts";
import { readForm } from "./form.server.ts";
import { badRequest } from "./http.server.ts";

export type UploadedFile = { field: string; clientName: string; path: string; size: number; truncated: boolean };

export type UploadForm = {
  formData: FormData;
  files: UploadedFile[];
  /** More files were sent than `maxFiles`: the extra ones were dropped unread. */
  tooManyFiles: boolean;
  /** Removes the temporary files (call it in a `finally`). */
  dispose: () => Promise<void>;
};

/** A text field's bytes: the longest markdown field (20,000 characters) in 4-byte UTF-8, with room. */
const FIELD_BYTES = 100_000;

export const isMultipart = (request: Request) =>
  /^multipart\/form-data/i.test(request.headers.get("content-type") ?? "");

export async function readUploadForm(
  request: Request,
  limits: { maxFileBytes: number; maxFiles: number },
): Promise<UploadForm> {
  if (!isMultipart(request) || !request.body) {
    const formData = await readForm(request);
    return { formData, files: [], tooManyFiles: false, dispose: async () => {} };
  }
  const folder = await mkdtemp(path.join(tmpdir(), "idees-upload-"));
  const dispose = () => rm(folder, { recursive: true, force: true });
  try {
    return { ...(await parse(request, folder, limits)), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function parse(request: Request, folder: string, limits: { maxFileBytes: number; maxFiles: number }) {
  const headers = Object.fromEntries(request.headers.entries());
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers,
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: FORM_LIMITS.fields,
        fieldSize: FIELD_BYTES,
        parts: FORM_LIMITS.fields + limits.maxFiles,
      },
      defParamCharset: "utf8",
    });
  } catch {
    badRequest("Bad Request: the form body could not be read (malformed or not a form).");
  }
  // Beyond this, no honest form of ours is being sent: stop reading.
  const bodyCap = (limits.maxFiles + 1) * limits.maxFileBytes + FORM_LIMITS.fields * FIELD_BYTES;
  const formData = new FormData();
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  let tooManyFiles = false;
  let fieldTooLong = false;
  let index = 0;
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fieldTooLong = true;
    formData.append(name, value);
  });
  parser.on("file", (field, stream, info) => {
    // A file input left empty still sends a part, with no name and no bytes.
    if (!info.filename) {
      stream.resume();
      return;
    }
    const file: UploadedFile = {
      field,
      clientName: info.filename,
      path: path.join(folder, `f${index++}`),
      size: 0,
      truncated: false,
    };
    files.push(file);
    stream.on("data", (chunk: Buffer) => (file.size += chunk.length));
    stream.on("limit", () => (file.truncated = true));
    writes.push(pipeline(stream, createWriteStream(file.path)));
  });
  parser.on("filesLimit", () => (tooManyFiles = true));
  let received = 0;
  const body = Readable.fromWeb(request.body as never);
  body.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > bodyCap) body.destroy(new TooLarge());
  });
  try {
    await pipeline(body, parser);
    await Promise.all(writes);
  } catch (error) {
    if (error instanceof TooLarge) throw new Response("Request body too large.", { status: 413 });
    badRequest("Bad Request: the form body could not be read (malformed or not a form).");
  }
  if (fieldTooLong) throw new Response("A form field is too long.", { status: 413 });
  const problem = formShapeProblem([...formData.keys()]);
  if (problem) throw new Response(problem.message, { status: problem.status });
  return { formData, files, tooManyFiles };
}

class TooLarge extends Error {}
