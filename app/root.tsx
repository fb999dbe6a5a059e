import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import {
  canInviteSuppliers,
  canManageUsers,
  canManageAgencies,
  canManageWebhooks,
  canModerate,
  canReadAuditLog,
  canUseManagerBoard,
} from "~/auth/policy.ts";
import { getUser, SESSION_COOKIE_RULES, toViewer } from "~/auth/session.server.ts";
import { malformedCookieClears } from "~/lib/cookies.server.ts";
import { countUnreadNotifications } from "~/models/notification.server.ts";
import { isVoteAnswerHere } from "~/models/vote.ts";
import { FLASH_COOKIE_RULE, readFlash } from "~/lib/flash.server.ts";
import { DEFAULT_LOCALE, translator, type MessageKey } from "~/lib/i18n.ts";
import { useNonce } from "~/lib/csp.ts";
import { useCatalogueVersion, useT } from "~/lib/i18n-react.ts";
import { getLocale, LOCALE_COOKIE_RULE } from "~/lib/locale.server.ts";
import { SiteHeader, type HeaderData } from "~/components/site-header.tsx";
import { PathLink, usePathLinkNavigation } from "~/components/path-link.tsx";
import { ANNOUNCER_ID } from "~/realtime/announce.ts";
import stylesHref from "~/styles.css?url";
import { ProgressBar, useBusy } from "~/components/progress-bar.tsx";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// A vote through the support box, accepted or refused, changes nothing the layout shows (person, menu,
// unread notifications, which arrive live): not read again after it (docs/decisions/0056).
export const shouldRevalidate: ShouldRevalidateFunction = (args) =>
  isVoteAnswerHere(args) ? false : args.defaultShouldRevalidate;

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
        webhooks: canManageWebhooks(viewer),
        agencies: canManageAgencies(viewer),
      },
      unreadNotifications: await countUnreadNotifications(viewer),
      // The clock relative times are told from ("il y a 5 minutes"), the same on the server and in the
      // browser (app/components/relative-time.tsx).
      now: Date.now(),
      flash,
    },
    { headers },
  );
}

export type RootData = HeaderData;

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<RootData>("root");
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  const busy = useBusy();
  // Titles (`meta`) are translated too: rendered again when the rest of the language arrives.
  useCatalogueVersion();
  usePathLinkNavigation();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <ProgressBar />
        <SiteHeader root={root} />
        <main id="contenu" tabIndex={-1} aria-busy={busy === "navigation" || undefined}>
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

function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <p>
        {t("app.name")} — {t("app.tagline")}
      </p>
      <p>
        <PathLink to="/confidentialite">{t("privacy.footer")}</PathLink> ·{" "}
        <PathLink to="/donnees-ouvertes">{t("openData.footer")}</PathLink> ·{" "}
        <PathLink to="/api">{t("api.footer")}</PathLink> · <PathLink to="/accessibilite">{t("a11y.footer")}</PathLink>
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
        <PathLink to="/">{t("error.backHome")}</PathLink>
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
