// Summarises a V8 .cpuprofile: top functions by self time (used with `npm run bench -- --profile`).
import { readFileSync } from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export function summarizeProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    total += t;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(process.cwd(), "")}:${lineNumber}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + t);
    const pkg = url.includes("node_modules/")
      ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1")
      : url
        ? url.replace(process.cwd(), "").split("/").slice(0, 3).join("/")
        : functionName;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join("\n");
  return `By package:\n${fmt(byPackage)}\n\nBy function:\n${fmt(byFrame)}`;
}

if (process.argv[1]?.endsWith("profile-summary.ts")) console.log(summarizeProfile(process.argv[2]!));
