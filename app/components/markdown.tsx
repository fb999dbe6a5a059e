/**
 * The only place that injects HTML: `html` must come from renderMarkdown() (app/lib/markdown.server.ts),
 * which sanitizes with an allow-list. Never pass anything else.
 */
export function Markdown({ html, className = "prose" }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
