import { useT } from "~/lib/i18n-react.ts";
import { PathLink, type AppPath } from "./path-link.tsx";

/** The space list filtered on one tag: `/espaces/<slug>?mot-cle=<tag>` (the space page's tag filter). */
export const spaceTagHref = (spaceSlug: string, tag: string): AppPath =>
  `/espaces/${spaceSlug}?${new URLSearchParams({ "mot-cle": tag })}`;

/** An idea's tags, each a link to its space's ideas carrying it; in the language the idea was written in. */
export function TagLinks(props: { tags: readonly string[]; language: string; spaceSlug: string }) {
  const t = useT();
  if (!props.tags.length) return null;
  return (
    <ul className="tags" aria-label={t("idea.tags")}>
      {props.tags.map((tag) => (
        <li key={tag} lang={props.language}>
          <PathLink to={spaceTagHref(props.spaceSlug, tag)}>{tag}</PathLink>
        </li>
      ))}
    </ul>
  );
}
