// The test OpenID provider's own process (tests/support/oidc.ts starts it): a real `oidc-provider`
// that the app reaches over HTTP, with a clock the tests can turn back (an expired ID token) and a
// switch that makes it unreachable (a provider that is down).
import { startOidcProvider } from "../../scripts/lib/oidc-provider.ts";

const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

const provider = await startOidcProvider();

type Message =
  | {
      id: number;
      type: "configure";
      clients: Parameters<typeof provider.configure>[0]["clients"];
      accounts: Parameters<typeof provider.setAccounts>[0];
    }
  | { id: number; type: "accounts"; accounts: Parameters<typeof provider.setAccounts>[0] }
  | { id: number; type: "paused"; paused: boolean }
  | { id: number; type: "clock"; offsetMs: number }
  | { id: number; type: "close" };

process.on("message", (message: Message) => {
  switch (message.type) {
    case "configure":
      provider.configure({ clients: message.clients, accounts: message.accounts });
      break;
    case "accounts":
      provider.setAccounts(message.accounts);
      break;
    case "paused":
      provider.setPaused(message.paused);
      break;
    case "clock":
      offsetMs = message.offsetMs;
      break;
    case "close":
      void provider.close().then(() => {
        process.send!({ id: message.id, type: "ack" });
        process.exit(0);
      });
      return;
  }
  process.send!({ id: message.id, type: "ack" });
});
process.send!({ type: "ready", issuer: provider.issuer });
