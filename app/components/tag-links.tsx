import { useT } from "~/lib/i18n-react.ts";
import type { Translate } from "~/lib/i18n.ts";
import { pathLink, type AppPath } from "./path-link.tsx";

/** The space list filtered on one tag: `/espaces/<slug>?mot-cle=<tag>` (the space page's tag filter). */
export const spaceTagHref = (spaceSlug: string, tag: string): AppPath =>
  `/espaces/${spaceSlug}?${new URLSearchParams({ "mot-cle": tag })}`;

type TagLinksProps = { tags: readonly string[]; language: string; spaceSlug: string };

/** An idea's tags, each a link to its space's ideas carrying it; in the language the idea was written in. */
export function TagLinks(props: TagLinksProps) {
  return tagLinks(useT(), props);
}

/** TagLinks for a component that has `t` already: no hook, for a list's many cards (docs/decisions/0060). */
export function tagLinks(t: Translate, props: TagLinksProps) {
  if (!props.tags.length) return null;
  return (
    <ul className="tags" aria-label={t("idea.tags")}>
      {props.tags.map((tag) => (
        <li key={tag} lang={props.language}>
          {pathLink(spaceTagHref(props.spaceSlug, tag), tag)}
        </li>
      ))}
    </ul>
  );
}
