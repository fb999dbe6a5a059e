import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { useT } from "~/lib/i18n-react.ts";
import type { Translate } from "~/lib/i18n.ts";

export function StageBadge({ stage }: { stage: IdeaStage }) {
  return stageBadge(useT(), stage);
}

/** StageBadge for a component that has `t` already: no hook, for a list's many cards (docs/decisions/0060). */
export function stageBadge(t: Translate, stage: IdeaStage) {
  return <span className={`badge badge--${stage.toLowerCase()}`}>{t(`stage.${stage}`)}</span>;
}
