// Outbound HTTP to addresses that admins typed (webhooks, docs/decisions/0027-job-queue-and-webhooks.md),
// guarded against server-side request forgery: the host name is resolved HERE, every address it
// resolves to must be public (no loopback, private, link-local, CGNAT, multicast or reserved range,
// IPv4 or IPv6, IPv4-mapped included) unless WEBHOOK_ALLOW_PRIVATE=1, and the connection goes to the
// address that was checked (a `lookup` that returns it), so a DNS answer that changes between the
// check and the connection (rebinding) changes nothing. No redirect is followed (a 3xx is an answer
// like any other), and the whole exchange has a timeout.
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is in a private, loopback, link-local or otherwise non-public range. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true; // not an address: refuse
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  return blocked.check(address, "ipv6");
}

export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefused";
  }
}

export type OutboundResponse = { status: number; durationMs: number };

/** Resolves `host` and returns the address to connect to; throws OutboundRefused for a private one. */
export async function resolvePublicAddress(
  host: string,
  allowPrivate: boolean,
): Promise<{ address: string; family: 4 | 6 }> {
  const literal = host.replace(/^\[|\]$/g, "");
  const addresses = isIP(literal)
    ? [{ address: literal, family: isIP(literal) as 4 | 6 }]
    : (await lookup(literal, { all: true, verbatim: true })).map((a) => ({
        address: a.address,
        family: a.family as 4 | 6,
      }));
  if (addresses.length === 0) throw new OutboundRefused(`${host} does not resolve`);
  // Every answer must be public: a name that resolves to one public and one private address is refused.
  const refused = addresses.find((a) => isPrivateAddress(a.address));
  if (refused && !allowPrivate)
    throw new OutboundRefused(`${host} resolves to a non-public address (${refused.address})`);
  return addresses[0]!;
}

/**
 * POSTs `body` to `url` with `headers`, to the checked address only; resolves with the status and the
 * duration, or throws (OutboundRefused, a network error, the timeout). The response body is drained and
 * discarded (at most 64 KiB read).
 */
export async function postGuarded(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<OutboundResponse> {
  const url = new URL(options.url);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new OutboundRefused("only http(s) URLs");
  if (url.username || url.password) throw new OutboundRefused("no credentials in the URL");
  const started = performance.now();
  const target = await resolvePublicAddress(url.hostname, options.allowPrivate);
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) },
        lookup: pinned,
        agent: false,
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) response.destroy();
        });
        const done = () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, durationMs: Math.round(performance.now() - started) });
        };
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(options.body);
  });
}
