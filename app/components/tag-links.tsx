import { useT } from "~/lib/i18n-react.ts";
import type { Translate } from "~/lib/i18n.ts";
import { pathLink, type AppPath } from "./path-link.tsx";

/** The space list filtered on one tag: `/espaces/<slug>?mot-cle=<tag>` (the space page's tag filter). */
export const spaceTagHref = (spaceSlug: string, tag: string): AppPath =>
  `/espaces/${spaceSlug}?mot-cle=${formEncode(tag)}`;

/** What encodeURIComponent leaves as is and form encoding does not (`!'()~`), and its encoded space. */
const NOT_FORM_ENCODED = /[!'()~]|%20/g;

/**
 * A value as URLSearchParams writes it (application/x-www-form-urlencoded: a space is `+`), without
 * building one per link: a list page links 40 tags (docs/decisions/0060).
 */
export function formEncode(value: string): string {
  try {
    return encodeURIComponent(value).replace(NOT_FORM_ENCODED, (c) =>
      c === "%20" ? "+" : `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  } catch {
    // A lone surrogate (no text the database returns): URLSearchParams writes it as U+FFFD.
    return new URLSearchParams({ v: value }).toString().slice(2);
  }
}

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
