// A single-fetch answer whose value has arrived but whose stream is then cut (the router aborts a request it
// no longer needs: a fetcher removed, a navigation superseded) must not leave an unhandled rejection in the
// page: the e2e watcher fails on it, and it is noise in every visitor's console (docs/decisions/0053).
// turbo-stream 2.4.1 rejected an internal promise nobody listened to (patches/turbo-stream+2.4.1.patch);
// Remix's fetchAndDecode did not listen to `done` (patches/@remix-run+react+2.17.5.patch, not reachable
// from a test: the e2e tests through the idea page's fetchers cover it).
import { decode } from "turbo-stream";
import { afterEach, beforeEach, expect, test } from "vitest";

const unhandled: unknown[] = [];
const listen = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => void process.on("unhandledRejection", listen));
afterEach(() => void process.off("unhandledRejection", listen));

test("a stream cut after its value leaves no unhandled rejection, and its `done` still says it failed", async () => {
  const abort = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('[{"_1":2},"data",{"_3":4},"supports",3]\n'));
      abort.signal.addEventListener("abort", () => controller.error(abort.signal.reason));
    },
  });
  const decoded = await decode(body);
  expect(decoded.value).toEqual({ data: { supports: 3 } });
  abort.abort();
  await expect(decoded.done).rejects.toThrow(/abort/i);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(unhandled).toEqual([]);
});
