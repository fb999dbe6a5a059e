// Follow / stop following (docs/decisions/0031). A plain form posting to /suivre: with JavaScript it
// is sent by a fetcher (the page stays, its loaders reload); without, the page comes back after it.
import { useFetcher, useLocation } from "@remix-run/react";
import { useT } from "~/lib/i18n-react.ts";
import type { FollowKindName } from "~/models/follow.ts";

export function FollowButton(props: {
  kind: FollowKindName;
  target: string;
  following: boolean;
  followLabel: string;
  unfollowLabel: string;
}) {
  const fetcher = useFetcher();
  const location = useLocation();
  // While the request runs, show what was asked (an optimistic toggle). The fetcher is this target's only:
  // FollowLine gives each target its own button (key), as the support box is one per idea (ADR 0056).
  const following = fetcher.formData ? fetcher.formData.get("follow") === "1" : props.following;
  return (
    <fetcher.Form method="post" action="/suivre" className="follow-form">
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="target" value={props.target} />
      <input type="hidden" name="follow" value={following ? "0" : "1"} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="secondary" aria-pressed={following}>
        {following ? props.unfollowLabel : props.followLabel}
      </button>
    </fetcher.Form>
  );
}

/**
 * A page's follow line: how many follow it, and the viewer's button (signed-in people only; the count
 * is shown to everyone).
 */
export function FollowLine(props: {
  kind: FollowKindName;
  target: string;
  followers: number;
  following: boolean;
  signedIn: boolean;
  followLabel: string;
  unfollowLabel: string;
}) {
  const t = useT();
  const { followers, signedIn, ...button } = props;
  return (
    <div className="follow-box" data-testid={`follow-${props.kind.toLowerCase()}`}>
      <span data-testid="follower-count">{t("follow.followers", { count: followers })}</span>
      {/* One button per target: its fetcher's pending state stays with what it was sent for, not the next
          idea, space, challenge or tag that the same route shows (tests/e2e/vote-navigation.test.ts). */}
      {signedIn ? <FollowButton key={`${props.kind}:${props.target}`} {...button} /> : null}
    </div>
  );
}

/** The idea page's line. */
export function IdeaFollow(props: { ideaId: string; followers: number; following: boolean; signedIn: boolean }) {
  const t = useT();
  return (
    <FollowLine
      kind="IDEA"
      target={props.ideaId}
      followers={props.followers}
      following={props.following}
      signedIn={props.signedIn}
      followLabel={t("follow.followIdea")}
      unfollowLabel={t("follow.unfollowIdea")}
    />
  );
}
