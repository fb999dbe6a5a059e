import type { IdeaStage } from "~/generated/prisma/enums.ts";
import { useT } from "~/lib/i18n-react.ts";

export function StageBadge({ stage }: { stage: IdeaStage }) {
  const t = useT();
  return <span className={`badge badge--${stage.toLowerCase()}`}>{t(`stage.${stage}`)}</span>;
}
