// Every address no other route claims. Without this route Remix answers an unknown URL without running
// the root loader, so the 404 page had no language and fell back to French. Here the root loader runs
// (language, signed-in header), then this throws the 404 that the root error boundary renders.
import { notFound } from "~/lib/http.server.ts";

export function loader(): never {
  notFound();
}

export function action(): never {
  notFound();
}

// Never rendered (the loader always throws); its presence makes this a page route, so the 404 is the
// HTML error page rather than a bare "Not Found" body.
export default function NotFound() {
  return null;
}
