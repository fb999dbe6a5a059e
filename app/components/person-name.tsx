import { useT } from "~/lib/i18n-react.ts";
import type { Translate } from "~/lib/i18n.ts";
import { pathLink } from "./path-link.tsx";
import { DELETED_USER_ID, DELETED_USER_NAME } from "~/models/user-names.ts";

/**
 * A person's display name as shown; the placeholder that deleted people's contributions are signed
 * with is stored in French and shown in the reader's language (nobody else may take that name).
 */
export function usePersonName() {
  const t = useT();
  return (name: string) => shownName(t, name);
}

/** usePersonName's answer for a component that has `t` already. */
export function shownName(t: Translate, name: string): string {
  return name === DELETED_USER_NAME ? t("account.deletedUser") : name;
}

/** A person's name linking to their profile (/personnes/:id); the deleted-user placeholder links nowhere. */
export function PersonName(props: { person: { id: string; displayName: string } }) {
  return personLink(props.person, usePersonName()(props.person.displayName));
}

/** PersonName with the name as shown already (usePersonName's): no hook, for a thread's many comments. */
export function personLink(person: { id: string }, name: string) {
  if (!person.id || person.id === DELETED_USER_ID) return <>{name}</>;
  return pathLink(`/personnes/${person.id}`, name, { className: "person-name" });
}

const MARK = "\u0001";

type BylineProps = { text: (name: string) => string; person: { id: string; displayName: string } };

/** A translated sentence with `{name}` as the person's linked name ("par {name}" → par <a>Alice</a>). */
export function Byline(props: BylineProps) {
  return byline(useT(), props);
}

/** Byline for a component that has `t` already: no hook, for a list's many cards (docs/decisions/0060). */
export function byline(t: Translate, props: BylineProps) {
  const { before, link, after } = bylineParts(t, props);
  // Nothing to link (the deleted-user placeholder): one text, as before profiles existed.
  if (!link) return <>{before}</>;
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

/**
 * The byline's text before the linked name, the link, and the text after it: for a card that joins
 * them with the texts around into single text nodes. Without a person to link, all of it is `before`.
 */
export function bylineParts(t: Translate, props: BylineProps) {
  const name = shownName(t, props.person.displayName);
  if (!props.person.id || props.person.id === DELETED_USER_ID)
    return { before: props.text(name), link: null, after: "" };
  const [before = "", after = ""] = props.text(MARK).split(MARK);
  return { before, link: personLink(props.person, name), after };
}
