import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { canUseManagerBoard } from "~/auth/policy.ts";
import { requireUser } from "~/auth/session.server.ts";
import { ExportLinks } from "~/components/indicators.tsx";
import { BoardColumn, BoardFiltersForm } from "~/components/board.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, forbidden } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getLocale, getTranslator } from "~/lib/locale.server.ts";
import { getManagerBoard } from "~/models/board.server.ts";
import { parseBoardQuery } from "~/models/board.ts";
import { moveIdeaToStage } from "~/models/pipeline.server.ts";
import { StageMoveSchema } from "~/models/pipeline.ts";
import { roomOf } from "~/realtime/events.ts";
import { useLive } from "~/realtime/use-live.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("nav.board"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filters, page } = parseBoardQuery(new URL(request.url).searchParams);
  return getManagerBoard({ viewer: user, filters, page });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canUseManagerBoard(user)) forbidden(); // before reading the body
  const formData = await readForm(request);
  if (formData.get("intent") !== "move") badRequest("Unknown intent");
  const url = new URL(request.url);
  const t = getTranslator(request);
  return handleForm({
    formData,
    schema: StageMoveSchema,
    formId: formIdOf(formData, "move"),
    run: async ({ ideaId, from, to, note }) => {
      await moveIdeaToStage({ user, ideaId, from, to, note, language: getLocale(request) });
      return redirectWithFlash(`${url.pathname}${url.search}#idee-${ideaId}`, {
        key: "pipeline.moved",
        params: { stage: t(`stage.${to}`) },
      });
    },
  });
}

export default function Board() {
  const board = useLoaderData<typeof loader>();
  const t = useT();
  // Live: another manager's move, or a new idea, reloads the board (queue rooms are managers-only).
  useLive({
    rooms: board.spaces.map((s) => roomOf.queue(s.id)),
    onEvent: (event, { revalidate }) => {
      if (event.name === "idea:stage" || event.name === "space:idea-created" || event.name === "idea:moderated")
        revalidate();
    },
  });
  return (
    <section className="board-page">
      <h1>{t("board.title")}</h1>
      <p>
        <Link to={`/pilotage/indicateurs${board.filters.space ? `?espace=${board.filters.space}` : ""}`}>
          {t("indicators.link")}
        </Link>
      </p>
      <BoardFiltersForm board={board} />
      <ul className="board">
        {board.columns.map((column) => (
          <li key={column.stage} className={`board__column board__column--${column.stage.toLowerCase()}`}>
            <BoardColumn board={board} column={column} />
          </li>
        ))}
      </ul>
      <ExportLinks filters={{ space: board.filters.space, challenge: board.filters.challenge, from: null, to: null }} />
    </section>
  );
}
