// A small, real OpenID provider (the `oidc-provider` package, certified) for the demo run and the
// tests (docs/decisions/0023-openid-connect.md): a sign-in page listing its identities — the person
// picks one, no password — consent given on the person's behalf, RP-initiated logout confirmed by a
// self-submitting page. Never for production: anyone reaching it can be anyone it knows.
//
// The server listens first (so its issuer URL, with the port, can be given to the app), and is
// configured with its clients once the app's own address is known.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type ProviderAccount = {
  /** The subject (`sub`) the provider gives this identity. */
  id: string;
  /** What the sign-in page shows. */
  label: string;
  /** The clients this identity may sign in to (all when absent). */
  clients?: string[];
  /** Claims besides `sub`: email, email_verified, name, given_name, family_name, groups, agency… */
  claims: Record<string, unknown>;
};

export type ProviderClient = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
};

export type RunningProvider = {
  issuer: string;
  configure: (options: { clients: ProviderClient[]; accounts: ProviderAccount[] }) => void;
  setAccounts: (accounts: ProviderAccount[]) => void;
  /** While paused, every connection is dropped: the provider is "down". */
  setPaused: (paused: boolean) => void;
  close: () => Promise<void>;
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem;cursor:pointer}</style>
</head><body>${body}</body></html>`;
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
}

export async function startOidcProvider(options: { host?: string; port?: number; hostname?: string } = {}) {
  const host = options.host ?? "127.0.0.1";
  let provider: Provider | undefined;
  let paused = false;
  const accounts = new Map<string, ProviderAccount>();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const p = provider!;
    const details = await p.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    const clientId = String(details.params.client_id);
    if (req.method === "POST" && action === "login") {
      const account = accounts.get((await readBody(req)).get("account") ?? "");
      if (!account || (account.clients && !account.clients.includes(clientId))) {
        res.writeHead(400, { "Content-Type": "text/plain" }).end("unknown identity");
        return;
      }
      const acrValues = typeof details.params.acr_values === "string" ? details.params.acr_values.split(" ") : [];
      const acr = typeof account.claims.acr === "string" ? account.claims.acr : acrValues[0];
      await p.interactionFinished(req, res, { login: { accountId: account.id, ...(acr ? { acr } : {}) } });
      return;
    }
    if (req.method === "POST" && action === "abort") {
      await p.interactionFinished(req, res, { error: "access_denied", error_description: "cancelled" });
      return;
    }
    const choices = [...accounts.values()].filter((a) => !a.clients || a.clients.includes(clientId));
    const buttons = choices
      .map(
        (a) =>
          `<form method="post" action="/interaction/${uid}/login"><input type="hidden" name="account" value="${escapeHtml(a.id)}"><button type="submit">${escapeHtml(a.label)}</button></form>`,
      )
      .join("");
    res
      .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
      .end(
        page(
          "Fournisseur d'identité de démonstration",
          `<h1>Fournisseur d'identité de démonstration</h1><p>Choisissez l'identité avec laquelle vous connecter à <strong>${escapeHtml(clientId)}</strong> :</p>${buttons}<form method="post" action="/interaction/${uid}/abort"><button type="submit">Annuler</button></form>`,
        ),
      );
  }

  const server = createServer((req, res) => {
    if (paused) {
      req.socket.destroy();
      return;
    }
    if (!provider) {
      res.writeHead(503).end("not configured yet");
      return;
    }
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/.exec(req.url?.split("?")[0] ?? "");
    if (match) {
      interaction(req, res, match[1]!, match[2]).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(400, { "Content-Type": "text/plain" });
        res.end(`interaction failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      return;
    }
    void provider.callback()(req, res);
  });
  // A paused provider drops connections; keep-alive sockets from before would still answer.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${options.hostname ?? host}:${port}`;

  const running: RunningProvider = {
    issuer,
    configure({ clients, accounts: list }) {
      running.setAccounts(list);
      const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
      provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          client_id: c.clientId,
          client_secret: c.clientSecret,
          redirect_uris: c.redirectUris,
          post_logout_redirect_uris: c.postLogoutRedirectUris,
          token_endpoint_auth_method: "client_secret_post",
          grant_types: ["authorization_code"],
          response_types: ["code"],
        })),
        jwks: { keys: [{ ...key, kid: "demo", use: "sig", alg: "RS256" } as never] },
        cookies: { keys: [randomBytes(32).toString("hex")] },
        findAccount: (_ctx, id) => {
          const account = accounts.get(id);
          if (!account) return undefined;
          return { accountId: id, claims: () => ({ ...account.claims, sub: id }) };
        },
        // FranceConnect's scopes name single claims; the staff groups and agency come with the profile.
        scopes: ["openid", "email", "profile", "given_name", "family_name"],
        claims: {
          openid: ["sub"],
          email: ["email", "email_verified"],
          profile: ["name", "given_name", "family_name", "groups", "agency"],
          given_name: ["given_name"],
          family_name: ["family_name"],
        },
        acrValues: ["eidas1", "eidas2", "eidas3"],
        pkce: { required: () => true },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        features: {
          devInteractions: { enabled: false },
          rpInitiatedLogout: {
            enabled: true,
            logoutSource: (ctx, form) => {
              ctx.body = page(
                "Déconnexion",
                `<h1>Déconnexion du fournisseur d'identité…</h1>${form}<button id="logout" type="submit" form="op.logoutForm" value="yes" name="logout">Se déconnecter</button><script>document.getElementById("logout").click()</script>`,
              );
            },
          },
        },
        // The person already said yes by choosing an identity: every requested scope and claim is granted.
        loadExistingGrant: async (ctx) => {
          const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client!.clientId,
            accountId: ctx.oidc.session!.accountId,
          });
          grant.addOIDCScope(String(ctx.oidc.params!.scope ?? "openid"));
          await grant.save();
          return grant;
        },
        ttl: {
          AccessToken: 600,
          AuthorizationCode: 60,
          IdToken: 600,
          Interaction: 600,
          Session: 3600,
          Grant: 3600,
        },
        renderError: (ctx, out) => {
          ctx.type = "html";
          ctx.body = page("Erreur", `<h1>Erreur</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
        },
      });
    },
    setAccounts(list) {
      accounts.clear();
      for (const account of list) accounts.set(account.id, account);
    },
    setPaused(value) {
      paused = value;
      if (value) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return running;
}
