// The merge form of the manager page (docs/decisions/0014-merge-duplicates.md): the target is found by
// typing its title, among the ideas of the same space that a merge would accept, or pasted as an
// address. With JavaScript the results come as the manager types (a fetcher on
// /api/idees/<id>/cibles-fusion); without, the search button reloads the page with ?cible=….
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/lib/i18n-react.ts";
import type { MergeTarget } from "~/models/merge-search.server.ts";
import { MERGE_QUERY_MAX, MERGE_QUERY_MIN, MergeSchema } from "~/models/merge.ts";
import { Field } from "./form.tsx";
import { SchemaForm } from "./schema-form.tsx";
import { StageBadge } from "./stage-badge.tsx";

const DEBOUNCE_MS = 250;

export function MergeForm(props: { ideaId: string; query: string | null; found: MergeTarget[] | null }) {
  const t = useT();
  const [query, setQuery] = useState(props.query ?? "");
  const [typed, setTyped] = useState(false);
  const fetcher = useFetcher<{ ideas: MergeTarget[] }>();
  const load = useRef(fetcher.load);
  useEffect(() => {
    load.current = fetcher.load;
  }, [fetcher.load]);
  const wanted = query.trim().length >= MERGE_QUERY_MIN;
  useEffect(() => {
    if (!typed || !wanted) return;
    const timer = setTimeout(() => {
      void load.current(`/api/idees/${props.ideaId}/cibles-fusion?${new URLSearchParams({ q: query }).toString()}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [props.ideaId, query, typed, wanted]);
  // Until the manager types, what the page's own search found (no JavaScript, or a reload).
  const found = typed ? (wanted ? (fetcher.data?.ideas ?? null) : null) : props.found;
  const targetInput = useRef<HTMLDivElement>(null);
  const fill = (id: string) => {
    const input = targetInput.current?.querySelector<HTMLInputElement>("input[name=target]");
    if (input) input.value = id;
  };
  return (
    <>
      <Form method="get" className="stack" preventScrollReset>
        <div className="field">
          <label htmlFor="merge-search">{t("merge.search")}</label>
          <p id="merge-search-hint" className="hint">
            {t("merge.searchHint")}
          </p>
          <input
            id="merge-search"
            name="cible"
            type="search"
            autoComplete="off"
            maxLength={MERGE_QUERY_MAX}
            aria-describedby="merge-search-hint"
            aria-controls="merge-results"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setTyped(true);
            }}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button--secondary">
            {t("merge.searchSubmit")}
          </button>
        </div>
      </Form>
      <SchemaForm formId="merge" intent="merge" schema={MergeSchema} submitLabel={t("merge.submit")}>
        {(fields) => (
          <>
            <div id="merge-results" aria-live="polite" data-testid="merge-results">
              {found === null ? null : found.length === 0 ? (
                <p className="muted">{t("merge.noResults")}</p>
              ) : (
                <fieldset>
                  <legend>{t("merge.results", { count: found.length })}</legend>
                  {found.map((idea) => (
                    <div key={idea.id} className="radio">
                      <input
                        type="radio"
                        id={`merge-pick-${idea.id}`}
                        name="pick"
                        value={idea.id}
                        onChange={() => fill(idea.id)}
                      />
                      <label htmlFor={`merge-pick-${idea.id}`}>
                        <span lang={idea.language}>{idea.title}</span> <StageBadge stage={idea.stage} />{" "}
                        <span className="muted">({t("similar.supports", { count: idea.supports })})</span>
                      </label>
                    </div>
                  ))}
                </fieldset>
              )}
            </div>
            <div ref={targetInput}>
              <Field field={fields.target!} label={t("merge.target")} hint={t("merge.targetHint")} />
            </div>
            <Field field={fields.note!} label={t("merge.note")} hint={t("merge.noteHint")} multiline rows={3} />
          </>
        )}
      </SchemaForm>
    </>
  );
}
