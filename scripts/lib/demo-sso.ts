// The demo's single sign-on (docs/decisions/0023-openid-connect.md): with the demo accounts in the
// database and no OIDC_* variable set (nor DEMO_SSO=0), `npm start` runs a small local OpenID provider
// (scripts/lib/oidc-provider.ts) with two identities, one staff and one public, so that a newcomer can
// click through both sign-in buttons. Never when any OIDC_* variable is set: a real provider is meant.
import { randomBytes } from "node:crypto";
import { startOidcProvider, type ProviderAccount, type RunningProvider } from "./oidc-provider.ts";

export const DEMO_SSO_IDENTITIES: (ProviderAccount & { kind: "staff" | "public" })[] = [
  {
    kind: "staff",
    id: "demo-agent-sso",
    label: "Sophie Martin — agente, Agence de Lyon Part-Dieu",
    clients: ["idees-demo-staff"],
    claims: {
      email: "sophie.martin@agence.demo",
      email_verified: true,
      name: "Sophie Martin",
      groups: ["agents", "idees-moderation"],
      agency: "Agence de Lyon Part-Dieu",
    },
  },
  {
    kind: "public",
    id: "demo-citoyen-fc",
    label: "Camille Durand — particulier (FranceConnect)",
    clients: ["idees-demo-public"],
    claims: {
      email: "camille.durand@exemple.demo",
      email_verified: true,
      given_name: "Camille",
      family_name: "Durand",
    },
  },
];

/** Why the demo provider does not run, or null when it should. */
export function demoSsoSkipReason(env: NodeJS.ProcessEnv, demoAccountsExist: boolean): string | null {
  if (env.DEMO_SSO === "0") return "DEMO_SSO=0";
  const configured = Object.keys(env).filter((name) => name.startsWith("OIDC_"));
  if (configured.length) return `${configured.join(", ")} set: the configured provider is used`;
  if (!demoAccountsExist) return "no demo accounts in this database";
  return null;
}

/**
 * Starts the provider and sets the app's OIDC_* variables to it (before the app reads its settings);
 * `register(appUrl)` then gives it the app's callback addresses once the app listens.
 */
export async function startDemoSso(env: NodeJS.ProcessEnv): Promise<{
  provider: RunningProvider;
  register: (appUrl: string) => void;
}> {
  const provider = await startOidcProvider({ host: "127.0.0.1" });
  const secrets = { staff: randomBytes(16).toString("hex"), public: randomBytes(16).toString("hex") };
  Object.assign(env, {
    OIDC_STAFF_ISSUER: provider.issuer,
    OIDC_STAFF_CLIENT_ID: "idees-demo-staff",
    OIDC_STAFF_CLIENT_SECRET: secrets.staff,
    OIDC_STAFF_ROLE_MAP: "idees-moderation:MODERATOR,idees-managers:MANAGER",
    OIDC_STAFF_AGENCY_CLAIM: "agency",
    OIDC_PUBLIC_ISSUER: provider.issuer,
    OIDC_PUBLIC_CLIENT_ID: "idees-demo-public",
    OIDC_PUBLIC_CLIENT_SECRET: secrets.public,
    OIDC_PUBLIC_ACR_VALUES: "eidas1",
  });
  return {
    provider,
    register(appUrl) {
      const url = new URL(appUrl);
      // The app is reached as localhost or 127.0.0.1, whichever the person types.
      const origins = [...new Set([url.origin, `http://localhost:${url.port}`, `http://127.0.0.1:${url.port}`])];
      provider.configure({
        accounts: DEMO_SSO_IDENTITIES,
        clients: (["staff", "public"] as const).map((kind) => ({
          clientId: `idees-demo-${kind}`,
          clientSecret: secrets[kind],
          redirectUris: origins.map((o) => `${o}/connexion/oidc/${kind}/callback`),
          postLogoutRedirectUris: origins.map((o) => `${o}/`),
        })),
      });
    },
  };
}
