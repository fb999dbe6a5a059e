// Links to the app's own paths that cost no router work while a page renders (docs/decisions/0045).
import { useNavigate } from "@remix-run/react";
import { useEffect, type AnchorHTMLAttributes, type ReactNode } from "react";

/** A path of this app, as Remix's `<Link>` would resolve it: absolute, with its query and fragment. */
export type AppPath = `/${string}`;

/**
 * A link to a path of this app: the same `<a href="/…" data-discover="true">` as Remix's `<Link>`, so
 * the browser navigates in the app (usePathLinkNavigation) and Remix discovers the route, without the
 * hooks each `<Link>` runs during the render (the path resolved three times, prefetch state): a list
 * page repeats ~100 links, and they were a tenth of its server time. For relative paths, `prefetch`,
 * `state` or `replace`, use `<Link>`.
 */
export function PathLink({
  to,
  children,
  ...props
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: AppPath }) {
  return pathLink(to, children, props);
}

type LinkAttributes = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "children">;

/**
 * PathLink's element without a component around it: for what a page repeats (a list's cards), where
 * each component costs the server's renderer a frame of its own (docs/decisions/0060).
 */
export function pathLink(to: AppPath, children: ReactNode, attributes?: LinkAttributes) {
  return (
    <a {...attributes} data-discover="true" href={to}>
      {children}
    </a>
  );
}

/** An in-app link that a click may follow in place: no other target, no download. */
const IN_APP_LINK = 'a[data-discover][href^="/"]:not([target]):not([download])';

/**
 * Client-side navigation for every PathLink, by one listener (in the root layout) instead of one
 * handler per link: what `<Link>`'s click handler does (a primary click without modifier navigates,
 * replacing the entry when the link points where the page already is). It listens on `window`, after
 * React's own listeners on the document: a click that a `<Link>` already handled arrives here with its
 * default prevented.
 */
export function usePathLinkNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const follow = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest(IN_APP_LINK) : null;
      const to = link?.getAttribute("href");
      if (!to || to.startsWith("//") || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      const { pathname, search, hash } = window.location;
      navigate(to, { replace: to === pathname + search + hash });
    };
    window.addEventListener("click", follow);
    return () => window.removeEventListener("click", follow);
  }, [navigate]);
}
