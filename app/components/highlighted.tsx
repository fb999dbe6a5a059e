import { splitHighlights } from "~/models/search.ts";

/** Text with the database's match markers shown as <mark>: React nodes only, so always escaped. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>{splitHighlights(text).map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : part.text))}</>
  );
}
