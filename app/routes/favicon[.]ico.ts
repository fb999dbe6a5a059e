// Browsers still ask for /favicon.ico on their own (Chromium does on every error page); send them to the
// SVG icon instead of rendering a whole 404 page for it.
export function loader() {
  return new Response(null, {
    status: 301,
    headers: { Location: "/favicon.svg", "Cache-Control": "public, max-age=86400" },
  });
}
