/**
 * The only place that injects HTML: `html` must come from renderMarkdown() (app/lib/markdown.server.ts),
 * which sanitizes with an allow-list. Never pass anything else. `lang`: the language it is written in
 * (user content, docs/decisions/0029-phones-first.md).
 */
export function Markdown({ html, className = "prose", lang }: { html: string; className?: string; lang?: string }) {
  return <div className={className} lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
