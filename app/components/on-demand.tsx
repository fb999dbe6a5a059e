import { Link } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "~/lib/use-hydrated.ts";
import { pathLink, type AppPath } from "./path-link.tsx";
import { formEncode } from "./tag-links.tsx";

type OnDemandControls = { cancel: ReactNode; close: () => void };
const Controls = createContext<OnDemandControls>({ cancel: null, close: () => {} });

/** Inside an OnDemandForm: its "Annuler" (a button, or a link without JavaScript) and what closes it. */
export const useOnDemandForm = () => useContext(Controls);

/**
 * A form that a comment offers but that the page renders only when it is asked for
 * (docs/decisions/0043, 0049): the reply ("Répondre à …", `?repondre=<id>`) and the report ("Signaler ce
 * commentaire", `?signaler=<id>`). The page carries a link per comment instead of a form per comment.
 * Without JavaScript the link asks the server for the page with that one form open
 * (`?<param>=<id>#<anchor>`; "Annuler" is a link back to the comment). Once hydrated it is a disclosure
 * button (aria-expanded, aria-controls while open) that opens the form in place and puts the focus in its
 * first field; Escape or "Annuler" closes it and gives the focus back to the button, and so does `close`
 * (called by the form once sent). Only the comments the page shows can be asked for: any other value of
 * the parameter matches nothing and opens nothing.
 */
export function OnDemandForm(props: {
  /** Where it opens and closes without JavaScript (onDemandLinks); `anchor`: the element's id. */
  links: OnDemandLinks;
  className: string;
  label: string;
  /** Opened by the address or by a refused sending (its answer stays on screen). */
  asked: boolean;
  cancelLabel: string;
  /** The form; it takes its "Annuler" and what closes it once sent from useOnDemandForm(). */
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  const { anchor, open: openHref, close: closeHref } = props.links;
  // As asked by the address or the answer, until the person opens or closes it here.
  const [shown, setShown] = useState<boolean | null>(null);
  const open = shown ?? props.asked;
  const control = useRef<HTMLButtonElement>(null);
  const zone = useRef<HTMLDivElement>(null);
  const focusField = useRef(false);
  const close = () => {
    setShown(false);
    control.current?.focus();
  };
  useEffect(() => {
    const element = zone.current;
    if (!open || !element) return;
    if (focusField.current) element.querySelector<HTMLElement>("textarea, select")?.focus();
    focusField.current = false;
    const onKeyDown = (event: KeyboardEvent) => {
      // An open list of @mention suggestions takes Escape first (it prevents the default).
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      setShown(false);
      control.current?.focus();
    };
    element.addEventListener("keydown", onKeyDown);
    return () => element.removeEventListener("keydown", onKeyDown);
  }, [open]);
  const zoneId = `${anchor}-zone`;
  const cancel = hydrated ? (
    <button type="button" className="button--secondary" onClick={close}>
      {props.cancelLabel}
    </button>
  ) : (
    <Link to={closeHref}>{props.cancelLabel}</Link>
  );
  return (
    <div className={props.className} id={anchor}>
      {hydrated ? (
        <button
          ref={control}
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={open ? zoneId : undefined}
          onClick={() => {
            if (open) return close();
            focusField.current = true;
            setShown(true);
          }}
        >
          {props.label}
        </button>
      ) : open ? null : (
        // Rendered by the server and the browser's first render only: once hydrated it is the button.
        pathLink(openHref, props.label)
      )}
      {open ? (
        <div id={zoneId} ref={zone}>
          <Controls.Provider value={{ cancel, close }}>{props.children}</Controls.Provider>
        </div>
      ) : null}
    </div>
  );
}

/** Where an on-demand form opens (`?<param>=<id>#<anchor>`) and closes (back to its comment) without JavaScript. */
export type OnDemandLinks = { anchor: string; open: AppPath; close: AppPath };

/**
 * The links of a page's on-demand forms, told from its address once for its ~100 comments
 * (docs/decisions/0061): `links(param, commentId, anchor)` gives what URLSearchParams would write for
 * that one form — the page's parameters with `param` set to the comment's id, and without `param`.
 */
export function onDemandLinks(location: { pathname: string; search: string }) {
  const params = new URLSearchParams(location.search);
  const before = params.toString();
  const without = new Map<string, string>();
  return (param: string, commentId: string, anchor: string): OnDemandLinks => {
    let rest = without.get(param);
    if (rest === undefined) {
      const others = new URLSearchParams(params);
      others.delete(param);
      without.set(param, (rest = others.toString()));
    }
    const path = location.pathname as AppPath;
    const close: AppPath = `${path}${rest ? `?${rest}` : ""}#commentaire-${commentId}`;
    // `set` appends a parameter the address does not have, and replaces one it has in its place.
    if (!params.has(param))
      return {
        anchor,
        close,
        open: `${path}?${before ? `${before}&` : ""}${formEncode(param)}=${formEncode(commentId)}#${anchor}`,
      };
    const asked = new URLSearchParams(params);
    asked.set(param, commentId);
    return { anchor, close, open: `${path}?${asked}#${anchor}` };
  };
}
