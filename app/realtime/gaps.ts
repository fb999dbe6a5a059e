// Gap detection for live pages (docs/decisions/0005-realtime.md, "Convergence"). Pure: used by the
// client (use-live.ts) and by the server (streams.server.ts), unit-tested in tests/realtime-resync.test.ts.
import type { StreamMark } from "./events.ts";

/**
 * Client side: every event carries, for each room it was sent to, its position in the emitting
 * process's sequence for that room (`mark.p` names the process's run, `mark.n` the positions). A page
 * that receives position 7 after 5 in a room it is in has missed one, and re-syncs. The first event of
 * a run in a room sets the baseline (what came before is covered by the `sync` that follows a join).
 */
export class RoomGaps {
  private last = new Map<string, number>(); // "<run> <room>" → last position seen

  /** Records the event's positions in the rooms the page is in; true if one of them skipped a position. */
  seen(mark: StreamMark | undefined, inRoom: (room: string) => boolean): boolean {
    if (!mark || typeof mark.p !== "string" || !mark.n || typeof mark.n !== "object") return false;
    let gap = false;
    for (const [room, n] of Object.entries(mark.n)) {
      if (typeof n !== "number" || !inRoom(room)) continue;
      const key = `${mark.p} ${room}`;
      const last = this.last.get(key);
      if (last !== undefined && n > last + 1) gap = true;
      if (last === undefined || n > last) this.last.set(key, n);
    }
    return gap;
  }

  /** The page left the room: when it joins again, the next event sets a new baseline. */
  forgetRoom(room: string): void {
    for (const key of this.last.keys()) if (key.endsWith(` ${room}`)) this.last.delete(key);
  }

  /** A new connection: every room is joined again and synced, so every baseline starts over. */
  reset(): void {
    this.last.clear();
  }
}

/**
 * Server side: every process numbers the messages it sends to the others through the adapter (the
 * event bus) and says every few seconds how many it sent (a beat). A process that was told "up to 9"
 * and, one beat later, still has not received some message up to 9 lost it (a bus outage, its listener
 * reconnecting): its sockets re-sync. One beat of grace, because two messages of one process may travel
 * on different connections and arrive out of order.
 */
export class PeerStreams {
  private peers = new Map<string, { contiguous: number; ahead: Set<number>; claimed: number; heardAt: number }>();

  constructor(private readonly forgetAfterMs = 60_000) {}

  private peer(from: string, baseline: number, now: number) {
    let peer = this.peers.get(from);
    if (!peer) {
      // A process heard for the first time: nothing before this point is claimed missing.
      peer = { contiguous: baseline, ahead: new Set(), claimed: baseline, heardAt: now };
      this.peers.set(from, peer);
    }
    peer.heardAt = now;
    return peer;
  }

  /** A numbered message from `from` arrived. */
  received(from: string, seq: number, now = Date.now()): void {
    const peer = this.peer(from, seq - 1, now);
    if (seq <= peer.contiguous) return;
    peer.ahead.add(seq);
    while (peer.ahead.delete(peer.contiguous + 1)) peer.contiguous++;
  }

  /** `from` says it has sent `seq` messages so far; returns true when messages it claimed earlier never came. */
  beat(from: string, seq: number, now = Date.now()): boolean {
    const peer = this.peer(from, seq, now);
    let lost = false;
    if (peer.claimed > peer.contiguous) {
      lost = true;
      // Given up on: continue from the highest position known.
      peer.contiguous = Math.max(peer.claimed, ...peer.ahead);
      peer.ahead.clear();
    }
    peer.claimed = Math.max(peer.claimed, seq);
    for (const [id, other] of this.peers) if (now - other.heardAt > this.forgetAfterMs) this.peers.delete(id);
    return lost;
  }
}
