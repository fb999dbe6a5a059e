// Live updates of the idea page and of a space's list (docs/decisions/0005-realtime.md). Counts and
// stages change in place (fixed-width numbers, nothing moves); new content comes through a debounced
// revalidation of the page's loaders, announced politely in the one live region (app/root.tsx).
import { Link, useFetchers, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { useT } from "~/lib/i18n-react.ts";
import { roomOf } from "~/realtime/events.ts";
import { announce } from "~/realtime/announce.ts";
import { useLive, useLiveValue } from "~/realtime/use-live.ts";

/** True while this tab is sending something itself (its own comment need not be announced to it). */
function useBusyRef() {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = useRef(false);
  const now = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  useEffect(() => {
    busy.current = now;
  }, [now]);
  return busy;
}

export function useLiveIdeaPage(idea: {
  id: string;
  space: { id: string };
  supports: number;
  comments: number;
  stage: IdeaStage;
  updatedAt: string;
  countsAt: number;
}) {
  const t = useT();
  const busy = useBusyRef();
  const supports = useLiveValue(idea.id, "supports", idea.supports, idea.countsAt);
  const comments = useLiveValue(idea.id, "comments", idea.comments, idea.countsAt);
  const stage = useLiveValue(idea.id, "stage", idea.stage, idea.countsAt);
  const shown = useRef({ comments, stage });
  useEffect(() => {
    shown.current = { comments, stage };
  }, [comments, stage]);

  useLive({
    rooms: [roomOf.idea(idea.id)],
    ideaIds: [idea.id],
    onEvent: (event, { revalidate }) => {
      if (!("ideaId" in event.payload) || event.payload.ideaId !== idea.id) return;
      switch (event.name) {
        case "idea:comments": {
          // Already in what the loader returned (its comments are read after its counts' clock).
          if (!event.fresh || event.payload.at <= idea.countsAt) return;
          revalidate();
          if (busy.current) return;
          const added = event.payload.comments - shown.current.comments;
          announce(added > 0 ? t("live.newComments", { count: added }) : t("live.commentsUpdated"));
          return;
        }
        case "idea:updated":
          revalidate();
          if (!busy.current) announce(t("live.ideaUpdated"));
          return;
        case "idea:stage":
          if (!event.fresh) return;
          revalidate();
          if (!busy.current) announce(t("live.stage", { stage: t(`stage.${event.payload.stage}`) }));
          return;
        case "idea:moderated":
          // Those who may no longer see it get the "not found" page from their loader.
          revalidate();
          return;
      }
    },
    onSync: (result, { revalidate }) => {
      // Something happened between the server rendering the page and the socket joining: fetch it.
      const now = result.ideas.find((i) => i.ideaId === idea.id);
      if (!now || result.at <= idea.countsAt) return;
      if (
        now.comments !== idea.comments ||
        now.stage !== idea.stage ||
        Math.round(now.updatedAt) !== Date.parse(idea.updatedAt)
      )
        revalidate();
    },
  });
  return { supports, comments, stage };
}

/** A space's list: counts move in place (IdeaCard), new ideas are offered, not inserted under the reader. */
export function useLiveSpaceList(options: {
  spaceId: string;
  ideaIds: string[];
  offerNew: boolean;
  challengeId?: string;
}) {
  const t = useT();
  const created = useRef<string[]>([]);
  const [newIdeas, setNewIdeas] = useState(0);
  const shownIds = useRef(options.ideaIds);
  useEffect(() => {
    shownIds.current = options.ideaIds;
  }, [options.ideaIds]);
  const { revalidate } = useLive({
    rooms: [roomOf.space(options.spaceId)],
    ideaIds: options.ideaIds,
    onEvent: (event, tools) => {
      // Moderation hid or restored an idea of this space: the list drops it, or may show it again.
      if (event.name === "idea:moderated" && event.payload.spaceId === options.spaceId) {
        if (shownIds.current.includes(event.payload.ideaId) || !event.payload.hidden) tools.revalidate();
        return;
      }
      // A shown idea changed (edited, or merged into another: docs/decisions/0014-merge-duplicates.md):
      // the list reads it again, and drops it if it left.
      if (event.name === "idea:updated" && shownIds.current.includes(event.payload.ideaId)) {
        tools.revalidate();
        return;
      }
      if (event.name !== "space:idea-created" || event.payload.spaceId !== options.spaceId || !options.offerNew) return;
      // A challenge's page offers only the ideas proposed into it.
      if (options.challengeId && event.payload.challengeId !== options.challengeId) return;
      const { ideaId } = event.payload;
      if (shownIds.current.includes(ideaId) || created.current.includes(ideaId)) return;
      created.current = [...created.current, ideaId];
      setNewIdeas(created.current.length);
      announce(t("live.newIdeas", { count: created.current.length }));
    },
  });
  const clear = () => {
    created.current = [];
    setNewIdeas(0);
  };
  return { newIdeas, revalidate, clear };
}

/**
 * "2 nouvelles idées — afficher": a floating button (it takes no room in the page, so nothing moves
 * under the reader). On the first page of the newest ideas it refreshes the list; elsewhere it links
 * to that page, where the new ideas are.
 */
export function NewIdeasNotice(props: {
  count: number;
  onFirstNewestPage: boolean;
  newestHref: string;
  onShow: () => void;
}) {
  const t = useT();
  if (props.count === 0) return null;
  const label = `${t("live.newIdeas", { count: props.count })} — ${t("live.show")}`;
  return (
    <div className="live-notice">
      {props.onFirstNewestPage ? (
        <button type="button" className="live-notice__button" onClick={props.onShow}>
          {label}
        </button>
      ) : (
        <Link className="live-notice__button" to={props.newestHref} onClick={props.onShow}>
          {label}
        </Link>
      )}
    </div>
  );
}
