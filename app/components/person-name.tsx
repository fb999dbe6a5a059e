import { useT } from "~/lib/i18n-react.ts";
import { PathLink } from "./path-link.tsx";
import { DELETED_USER_ID, DELETED_USER_NAME } from "~/models/user-names.ts";

/**
 * A person's display name as shown; the placeholder that deleted people's contributions are signed
 * with is stored in French and shown in the reader's language (nobody else may take that name).
 */
export function usePersonName() {
  const t = useT();
  return (name: string) => (name === DELETED_USER_NAME ? t("account.deletedUser") : name);
}

/** A person's name linking to their profile (/personnes/:id); the deleted-user placeholder links nowhere. */
export function PersonName(props: { person: { id: string; displayName: string } }) {
  return personLink(props.person, usePersonName()(props.person.displayName));
}

/** PersonName with the name as shown already (usePersonName's): no hook, for a thread's many comments. */
export function personLink(person: { id: string }, name: string) {
  if (!person.id || person.id === DELETED_USER_ID) return <>{name}</>;
  return (
    <PathLink to={`/personnes/${person.id}`} className="person-name">
      {name}
    </PathLink>
  );
}

const MARK = "\u0001";

/** A translated sentence with `{name}` as the person's linked name ("par {name}" → par <a>Alice</a>). */
export function Byline(props: { text: (name: string) => string; person: { id: string; displayName: string } }) {
  const name = usePersonName()(props.person.displayName);
  // Nothing to link (the deleted-user placeholder): one text, as before profiles existed.
  if (!props.person.id || props.person.id === DELETED_USER_ID) return <>{props.text(name)}</>;
  const [before = "", after = ""] = props.text(MARK).split(MARK);
  return (
    <>
      {before}
      <PersonName person={props.person} />
      {after}
    </>
  );
}
