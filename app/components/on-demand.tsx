import { Link, useLocation } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "~/lib/use-hydrated.ts";

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
  /** The address parameter that opens it without JavaScript. */
  param: string;
  /** The comment it belongs to (the parameter's value). */
  commentId: string;
  /** The element's id, where the address leads. */
  anchor: string;
  className: string;
  label: string;
  /** Opened by the address or by a refused sending (its answer stays on screen). */
  asked: boolean;
  cancelLabel: string;
  /** The form; it takes its "Annuler" and what closes it once sent from useOnDemandForm(). */
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  const location = useLocation();
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
  const params = new URLSearchParams(location.search);
  params.set(props.param, props.commentId);
  const openHref = `${location.pathname}?${params}#${props.anchor}`;
  params.delete(props.param);
  const rest = params.toString();
  const closeHref = `${location.pathname}${rest ? `?${rest}` : ""}#commentaire-${props.commentId}`;
  const zoneId = `${props.anchor}-zone`;
  const cancel = hydrated ? (
    <button type="button" className="button--secondary" onClick={close}>
      {props.cancelLabel}
    </button>
  ) : (
    <Link to={closeHref}>{props.cancelLabel}</Link>
  );
  return (
    <div className={props.className} id={props.anchor}>
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
        <Link to={openHref} preventScrollReset>
          {props.label}
        </Link>
      )}
      {open ? (
        <div id={zoneId} ref={zone}>
          <Controls.Provider value={{ cancel, close }}>{props.children}</Controls.Provider>
        </div>
      ) : null}
    </div>
  );
}
