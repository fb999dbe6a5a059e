// The embedded PostgreSQL's set-up checks: as root, its binaries run as the system user "postgres",
// which must be able to enter every folder on the way to them and to the data folder.
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import {
  checkReachable,
  DatabaseSetupError,
  firstUnreachableFolder,
  makeTempDir,
  type FolderStat,
} from "./database.ts";

const ROOT = { uid: 0, gids: [0] };
const POSTGRES = { uid: 101, gids: [104] };
const tree = (entries: Record<string, FolderStat>) => (folder: string) => entries[folder] ?? null;
const dir = (mode: number, uid = 0, gid = 0): FolderStat => ({ mode: 0o40000 | mode, uid, gid });

test("a folder closed to others (/root, 0700) blocks every other user, and is named", () => {
  const stat = tree({
    "/": dir(0o755),
    "/root": dir(0o700),
    "/root/idees": dir(0o755),
    "/root/idees/node_modules": dir(0o755),
  });
  expect(firstUnreachableFolder("/root/idees/node_modules", POSTGRES, stat)).toBe("/root");
  expect(firstUnreachableFolder("/root/idees/node_modules", ROOT, stat)).toBeNull();
});

test("the owner, group and others bits are read for the class the user is in", () => {
  const stat = tree({
    "/": dir(0o755),
    "/srv": dir(0o750, 0, 104),
    "/home": dir(0o711),
    "/home/ana": dir(0o700, 1000, 1000),
  });
  // Group postgres may enter /srv (group x), others may not.
  expect(firstUnreachableFolder("/srv", POSTGRES, stat)).toBeNull();
  expect(firstUnreachableFolder("/srv", { uid: 2000, gids: [2000] }, stat)).toBe("/srv");
  // Owner bits for the owner only, even when others could.
  const ownerClosed = tree({ "/": dir(0o755), "/opt": dir(0o071, 101, 0) });
  expect(firstUnreachableFolder("/opt", POSTGRES, ownerClosed)).toBe("/opt");
  // /home (0711) lets others through, /home/ana (0700) does not.
  expect(firstUnreachableFolder("/home/ana/idees", POSTGRES, stat)).toBe("/home/ana");
});

test("folders that do not exist yet end the walk (they are created by npm start)", () => {
  const stat = tree({ "/": dir(0o755), "/srv": dir(0o755) });
  expect(firstUnreachableFolder("/srv/idees/.data/postgres", POSTGRES, stat)).toBeNull();
});

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

test("on the real file system, a closed folder is reported in one line that says what to do", () => {
  const base = makeTempDir("idees-reach-");
  made.push(base);
  const closed = path.join(base, "home");
  mkdirSync(path.join(closed, "idees", "bin"), { recursive: true });
  chmodSync(closed, 0o700);
  // Someone who is neither the owner of the folders nor in their group: the "others" bits apply.
  const stranger = { uid: 65_000, gids: [65_000] };
  const check = () =>
    checkReachable({
      binary: path.join(closed, "idees", "bin", "postgres"),
      dataDir: path.join(closed, "idees", ".data", "postgres"),
      user: stranger,
    });
  expect(check).toThrow(DatabaseSetupError);
  expect(check).toThrow(
    `The embedded PostgreSQL runs as the system user "postgres" (npm start runs as root), which cannot enter ${closed} to reach its programs: move the project to a folder other users can enter (e.g. /srv/idees), run npm start as a regular user, or set DATABASE_URL.`,
  );
  chmodSync(closed, 0o711);
  expect(check).not.toThrow();
});
