import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { canInviteSuppliers, canManageUsers, canModerate, canReadAuditLog, canUseManagerBoard } from "~/auth/policy.ts";
import { getUser, SESSION_COOKIE_RULES, toViewer } from "~/auth/session.server.ts";
import { malformedCookieClears } from "~/lib/cookies.server.ts";
import { countUnreadNotifications } from "~/models/notification.server.ts";
import { FLASH_COOKIE_RULE, readFlash, type Flash } from "~/lib/flash.server.ts";
import { DEFAULT_LOCALE, translator, type Locale, type MessageKey } from "~/lib/i18n.ts";
import { useNonce } from "~/lib/csp.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getLocale, LOCALE_COOKIE_RULE } from "~/lib/locale.server.ts";
import { ANNOUNCER_ID } from "~/realtime/announce.ts";
import { NotificationBadge } from "~/components/notification-badge.tsx";
import stylesHref from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages set their own title; this one serves the error page (which otherwise has none) and any page without.
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const t = translator(data?.locale ?? DEFAULT_LOCALE);
  return [{ title: error ? `${t(errorKeys(error)[0])} — ${t("app.name")}` : t("app.name") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer = toViewer(user);
  const { flash, clear } = readFlash(request.headers.get("Cookie"));
  // Cookies of ours that do not decode or hold nothing we recognise were ignored: the browser drops them.
  const clears = new Set(
    malformedCookieClears(request, [...SESSION_COOKIE_RULES, LOCALE_COOKIE_RULE, FLASH_COOKIE_RULE]),
  );
  if (clear) clears.add(clear);
  const headers = new Headers();
  for (const cookie of clears) headers.append("Set-Cookie", cookie);
  return data(
    {
      locale: getLocale(request),
      user: user ? { id: user.id, displayName: user.displayName, role: user.role } : null,
      // The header links the policy allows (the same functions that guard those pages).
      nav: {
        board: canUseManagerBoard(viewer),
        moderation: canModerate(viewer),
        users: canManageUsers(viewer),
        suppliers: canInviteSuppliers(viewer),
        audit: canReadAuditLog(viewer),
      },
      unreadNotifications: await countUnreadNotifications(viewer),
      flash,
    },
    { headers },
  );
}

export type RootData = {
  locale: Locale;
  user: { id: string; displayName: string; role: string } | null;
  nav: { board: boolean; moderation: boolean; users: boolean; audit: boolean; suppliers: boolean };
  unreadNotifications: number;
  flash: Flash | null;
};

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<RootData>("root");
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader />
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        {/* The one polite live region for realtime news (app/realtime/announce.ts); always present, so
            assistive technologies register it before anything is said through it. */}
        <div
          id={ANNOUNCER_ID}
          className="visually-hidden"
          aria-live="polite"
          aria-atomic="true"
          data-testid="live-announcer"
        />
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

function SiteHeader() {
  const root = useRouteLoaderData<RootData>("root");
  const t = translator(root?.locale ?? DEFAULT_LOCALE);
  const location = useLocation();
  const here = location.pathname + location.search;
  const user = root?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#contenu">
        {t("nav.skip")}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          <ul>
            {user ? (
              <>
                {root?.nav.board ? (
                  <li>
                    <Link to="/pilotage">{t("nav.board")}</Link>
                  </li>
                ) : null}
                {root?.nav.moderation ? (
                  <li>
                    <Link to="/moderation">{t("nav.moderation")}</Link>
                  </li>
                ) : null}
                {root?.nav.users ? (
                  <li>
                    <Link to="/admin/utilisateurs">{t("nav.admin")}</Link>
                  </li>
                ) : null}
                {root?.nav.suppliers ? (
                  <li>
                    <Link to="/admin/fournisseurs">{t("invite.pageTitle")}</Link>
                  </li>
                ) : null}
                {root?.nav.audit ? (
                  <li>
                    <Link to="/admin/journal">{t("nav.audit")}</Link>
                  </li>
                ) : null}
                <li>
                  <NotificationBadge />
                </li>
                <li>
                  <Link to="/compte">{t("nav.account")}</Link> <span className="muted">({user.displayName})</span>
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
                  <Link to={`/connexion?redirectTo=${encodeURIComponent(here)}`}>{t("nav.signIn")}</Link>
                </li>
                <li>
                  <Link to="/inscription">{t("nav.signUp")}</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
        <HeaderSearch />
        {/* A full page load: the browser then fetches the new language's catalogue before hydrating
            (docs/decisions/0016-i18n.md). */}
        <Form method="post" action="/langue" className="lang-form" reloadDocument>
          <input type="hidden" name="redirectTo" value={here} />
          <label htmlFor="lang-select">{t("lang.label")}</label>
          <select id="lang-select" name="locale" defaultValue={root?.locale ?? DEFAULT_LOCALE}>
            <option value="fr" lang="fr">
              {t("lang.fr")}
            </option>
            <option value="en" lang="en">
              {t("lang.en")}
            </option>
          </select>
          <button type="submit">{t("lang.apply")}</button>
        </Form>
      </div>
      <FlashMessage flash={root?.flash ?? null} />
    </header>
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

function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <p>
        {t("app.name")} — {t("app.tagline")}
      </p>
      <p>
        <Link to="/confidentialite">{t("privacy.footer")}</Link>
      </p>
    </footer>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, generic] = errorKeys(error).map((key) => t(key));
  // A 429 carries its own translated message (how long to wait): app/models/rate-limit.server.ts.
  const text =
    status === 429 && isRouteErrorResponse(error) && typeof error.data === "string" && error.data
      ? error.data
      : generic;
  // A 503 is the expected answer while the database is away (docs/decisions/0022-failure-model.md).
  if (status >= 500 && status !== 503) console.error(error);
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}

function errorKeys(error: unknown): [MessageKey, MessageKey] {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return ["error.notFoundTitle", "error.notFound"];
  if (status === 403) return ["error.forbiddenTitle", "error.forbidden"];
  if (status === 400) return ["error.badRequestTitle", "error.badRequest"];
  if (status === 429) return ["error.tooManyTitle", "error.tooMany"];
  if (status === 503) return ["error.unavailableTitle", "error.unavailable"];
  return ["error.genericTitle", "error.generic"];
}
