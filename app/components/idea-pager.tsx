import { useLocation } from "@remix-run/react";
import { useT } from "~/lib/i18n-react.ts";
import type { IdeaPage } from "~/models/idea.ts";
import { PathLink, type AppPath } from "./path-link.tsx";

/**
 * A list's pager: where the page stands ("Idées 31–60 sur 2 974") and links to the previous and next
 * pages (keyset cursors `avant` / `apres`), keeping the page's other parameters (sort, stage, tag).
 */
export function IdeaPager({ page }: { page: IdeaPage }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const href = (key: "apres" | "avant", cursor: string): AppPath => {
    const next = new URLSearchParams(search);
    next.delete("apres");
    next.delete("avant");
    next.set(key, cursor);
    return `${pathname as AppPath}?${next}`;
  };
  const { from, to, total, capped } = page.position;
  if (total === 0) return null;
  return (
    <nav className="pager" aria-label={t("space.pager")}>
      {page.previousCursor ? (
        <PathLink to={href("avant", page.previousCursor)} rel="prev">
          {t("space.previous")}
        </PathLink>
      ) : null}
      <span data-testid="page-position">
        {t(capped ? "space.positionCapped" : "space.position", { from, to, total })}
      </span>
      {page.nextCursor ? (
        <PathLink to={href("apres", page.nextCursor)} rel="next">
          {t("space.next")}
        </PathLink>
      ) : null}
    </nav>
  );
}
