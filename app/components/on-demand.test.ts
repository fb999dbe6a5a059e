// onDemandLinks tells a thread's links from the page's address once (docs/decisions/0061): each must be
// what OnDemandForm wrote with a URLSearchParams per comment before.
import { expect, test } from "vitest";
import { onDemandLinks } from "./on-demand.tsx";

/** The links as OnDemandForm wrote them before, one URLSearchParams per form. */
function reference(location: { pathname: string; search: string }, param: string, commentId: string, anchor: string) {
  const params = new URLSearchParams(location.search);
  params.set(param, commentId);
  const open = `${location.pathname}?${params}#${anchor}`;
  params.delete(param);
  const rest = params.toString();
  return { anchor, open, close: `${location.pathname}${rest ? `?${rest}` : ""}#commentaire-${commentId}` };
}

const SEARCHES = [
  "",
  "?",
  "?commentaires=eyJ0IjoiMjAyNiJ9",
  "?signaler=c1",
  "?repondre=c2#x",
  "?a=1&signaler=c1&b=deux+mots",
  "?signaler=c1&signaler=c9&commentaires=x",
  "?lang=en&q=%C3%A9t%C3%A9%20%26%20co&repondre=",
  "?x=%21%27%28%29%7E&y=a+b",
];
const IDS = ["bench-c1", "cm5x0q2ab0001", "id with space", "é&=#?/+!'()~"];

test("every link is the one URLSearchParams writes, whatever the page's parameters", () => {
  for (const search of SEARCHES) {
    const location = { pathname: "/idees/bench-i1", search };
    const links = onDemandLinks(location);
    // Twice: the parameters told once are not changed by one comment's link.
    for (let round = 0; round < 2; round++)
      for (const param of ["signaler", "repondre"])
        for (const id of IDS)
          expect(links(param, id, `ancre-${id}`), `${search} ${param} ${id}`).toEqual(
            reference(location, param, id, `ancre-${id}`),
          );
  }
});
