// The site header: the brand, then a menu (role links, the person's links, search, language) that is a
// <details> disclosure — on a phone it collapses behind a "Menu" button that works without JavaScript;
// from 64em the stylesheet shows its content and hides the button (docs/decisions/0029-phones-first.md).
import { NotificationBadge } from "./notification-badge.tsx";
import { PathLink } from "./path-link.tsx";
import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Flash } from "~/lib/flash.server.ts";
import { useT } from "~/lib/i18n-react.ts";
import type { Locale } from "~/lib/i18n.ts";

export type HeaderData = {
  locale: Locale;
  user: { id: string; displayName: string; role: string } | null;
  nav: {
    board: boolean;
    moderation: boolean;
    users: boolean;
    audit: boolean;
    suppliers: boolean;
    webhooks: boolean;
    agencies: boolean;
  };
  unreadNotifications: number;
  flash: Flash | null;
};

export function SiteHeader({ root }: { root: HeaderData | undefined }) {
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // A followed link or a submitted form changes the location: the menu closes behind it, as a new page would.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  // Escape closes the open menu and gives the focus back to its button.
  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    details.addEventListener("keydown", closeOnEscape);
    return () => details.removeEventListener("keydown", closeOnEscape);
  }, []);
  const user = root?.user;
  const nav = root?.nav;
  return (
    <header className="site-header">
      <a className="skip-link" href="#contenu">
        {t("nav.skip")}
      </a>
      <div className="site-header__inner">
        <PathLink to="/" className="brand">
          {t("app.name")}
        </PathLink>
        <details ref={menu} className="site-menu" onToggle={(event) => setOpen(event.currentTarget.open)}>
          <summary className="site-menu__toggle" aria-expanded={open}>
            <span aria-hidden="true" className="site-menu__icon">
              ☰
            </span>{" "}
            {t("nav.menu")}
          </summary>
          <div className="site-menu__panel">
            <nav aria-label={t("nav.main")} className="site-menu__main">
              <ul>
                <li>
                  <PathLink to="/en-production">{t("nav.inProduction")}</PathLink>
                </li>
                {nav?.board ? (
                  <li>
                    <PathLink to="/pilotage">{t("nav.board")}</PathLink>
                  </li>
                ) : null}
                {nav?.moderation ? (
                  <li>
                    <PathLink to="/moderation">{t("nav.moderation")}</PathLink>
                  </li>
                ) : null}
                {nav?.users ? (
                  <li>
                    <PathLink to="/admin/utilisateurs">{t("nav.admin")}</PathLink>
                  </li>
                ) : null}
                {nav?.suppliers ? (
                  <li>
                    <PathLink to="/admin/fournisseurs">{t("invite.pageTitle")}</PathLink>
                  </li>
                ) : null}
                {nav?.audit ? (
                  <li>
                    <PathLink to="/admin/journal">{t("nav.audit")}</PathLink>
                  </li>
                ) : null}
                {nav?.webhooks ? (
                  <li>
                    <PathLink to="/admin/webhooks">{t("webhooks.pageTitle")}</PathLink>
                  </li>
                ) : null}
                {nav?.agencies ? (
                  <li>
                    <PathLink to="/admin/agences">{t("agencies.nav")}</PathLink>
                  </li>
                ) : null}
              </ul>
            </nav>
            <nav aria-label={t("nav.personal")} className="site-menu__personal">
              <ul>
                {user ? (
                  <>
                    <li>
                      <NotificationBadge />
                    </li>
                    <li>
                      <PathLink to="/compte">
                        {t("nav.account")} <span className="muted">({user.displayName})</span>
                      </PathLink>
                    </li>
                    <li>
                      <Form method="post" action="/deconnexion">
                        <button type="submit" className="link-button">
                          {t("nav.signOut")}
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <PathLink to={`/connexion?redirectTo=${encodeURIComponent(here)}`}>{t("nav.signIn")}</PathLink>
                    </li>
                    <li>
                      <PathLink to="/inscription">{t("nav.signUp")}</PathLink>
                    </li>
                  </>
                )}
              </ul>
            </nav>
            <HeaderSearch />
            <LanguageSwitch here={here} locale={root?.locale ?? "fr"} />
          </div>
        </details>
      </div>
      <FlashMessage flash={root?.flash ?? null} />
    </header>
  );
}

/**
 * One button to the other language, named in that language ("English" on a French page). A full page
 * load: the browser then fetches the new language's catalogue before hydrating (docs/decisions/0016-i18n.md).
 */
function LanguageSwitch({ here, locale }: { here: string; locale: Locale }) {
  const t = useT();
  const other: Locale = locale === "fr" ? "en" : "fr";
  return (
    <Form method="post" action="/langue" className="lang-form" aria-label={t("lang.label")} reloadDocument>
      <input type="hidden" name="redirectTo" value={here} />
      <input type="hidden" name="locale" value={other} />
      <button type="submit" lang={other} className="button--secondary">
        {t(other === "fr" ? "lang.fr" : "lang.en")}
      </button>
    </Form>
  );
}

/** The site-wide search box (a GET form: works without JavaScript). */
function HeaderSearch() {
  const t = useT();
  const location = useLocation();
  const current = location.pathname === "/recherche" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    <Form method="get" action="/recherche" role="search" aria-label={t("search.landmark")} className="header-search">
      <label htmlFor="header-search-q" className="visually-hidden">
        {t("search.label")}
      </label>
      <input id="header-search-q" key={current} type="search" name="q" defaultValue={current} maxLength={200} />
      <button type="submit">{t("search.submit")}</button>
    </Form>
  );
}

function FlashMessage({ flash }: { flash: Flash | null }) {
  const t = useT();
  const location = useLocation();
  // A flash stays until the person goes to another page. Revalidations (live updates re-run the
  // loaders, and the cookie was consumed by the first load) answer `null` and must not hide it.
  // State adjusted while rendering, keyed by the location (react.dev, "you might not need an effect").
  const [held, setHeld] = useState({ locationKey: location.key, flash });
  if (held.locationKey !== location.key) setHeld({ locationKey: location.key, flash });
  else if (flash && flash !== held.flash) setHeld({ locationKey: location.key, flash });
  const shown = held.locationKey === location.key ? held.flash : flash;
  return (
    <div className="flash-region" role="status" aria-live="polite">
      {shown ? (
        <p className={`flash flash--${shown.kind ?? "success"}`} data-testid="flash">
          {t(shown.key, shown.params)}
        </p>
      ) : null}
    </div>
  );
}
