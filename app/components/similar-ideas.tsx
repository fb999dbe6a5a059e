import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/lib/i18n-react.ts";
import type { SimilarIdea } from "~/models/search.server.ts";
import { worthSuggesting } from "~/models/search.ts";

const DEBOUNCE_MS = 250;

/**
 * Ideas that look like the one being written, asked for a short while after the person stops typing.
 * The region is polite and always present (so screen readers register it), and says how many were
 * found; without JavaScript nothing is fetched and it stays empty.
 */
export function SimilarIdeas({ spaceSlug, title, body }: { spaceSlug: string; title: string; body: string }) {
  const t = useT();
  const fetcher = useFetcher<{ ideas: SimilarIdea[] }>();
  const load = useRef(fetcher.load);
  useEffect(() => {
    load.current = fetcher.load;
  }, [fetcher.load]);
  const wanted = worthSuggesting(title);
  useEffect(() => {
    if (!wanted) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ espace: spaceSlug, titre: title, texte: body.slice(0, 2000) });
      void load.current(`/api/idees-similaires?${params.toString()}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [spaceSlug, title, body, wanted]);
  const ideas = wanted ? (fetcher.data?.ideas ?? []) : [];
  return (
    <div aria-live="polite" data-testid="similar-ideas">
      {ideas.length > 0 ? (
        <section className="similar-ideas" aria-labelledby="similar-ideas-title">
          <h2 id="similar-ideas-title">{t("similar.title")}</h2>
          <p className="visually-hidden">{t("similar.announce", { count: ideas.length })}</p>
          <p className="hint">{t("similar.intro")}</p>
          <ul>
            {ideas.map((idea) => (
              <li key={idea.id}>
                <Link to={`/idees/${idea.id}`} target="_blank" rel="noopener">
                  {idea.title}
                </Link>{" "}
                <span className="muted">({t("similar.supports", { count: idea.supports })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
