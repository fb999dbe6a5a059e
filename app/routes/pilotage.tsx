import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { canUseManagerBoard } from "~/auth/policy.ts";
import { requireUser } from "~/auth/session.server.ts";
import { ExportLinks } from "~/components/indicators.tsx";
import { StageMoveForm, useDurationText } from "~/components/pipeline.tsx";
import { useFormReply } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formIdOf, handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest, forbidden } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getTranslator } from "~/lib/locale.server.ts";
import { getManagerBoard, moveIdeaToStage, type ManagerBoard } from "~/models/pipeline.server.ts";
import { StageMoveSchema } from "~/models/pipeline.ts";
import { roomOf } from "~/realtime/events.ts";
import { useLive } from "~/realtime/use-live.ts";
import { queryText } from "~/lib/validation.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("nav.board"));

function filtersOf(url: URL) {
  return { space: url.searchParams.get("espace") || null, tag: queryText(url.searchParams.get("mot-cle"), 40) || null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getManagerBoard({ viewer: user, filters: filtersOf(new URL(request.url)) });
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
      await moveIdeaToStage({ user, ideaId, from, to, note });
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
  const locale = useLocale();
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
      <Form method="get" className="inline-form board-filters" aria-label={t("board.filters")}>
        <label htmlFor="board-space">{t("board.space")}</label>
        <select id="board-space" name="espace" defaultValue={board.filters.space ?? ""}>
          <option value="">{t("board.allSpaces")}</option>
          {board.spaces.map((s) => (
            <option key={s.id} value={s.slug}>
              {locale === "fr" ? s.nameFr : s.nameEn}
            </option>
          ))}
        </select>
        <label htmlFor="board-tag">{t("board.tag")}</label>
        <input id="board-tag" type="search" name="mot-cle" defaultValue={board.filters.tag ?? ""} maxLength={30} />
        <button type="submit">{t("board.apply")}</button>
        {board.filters.space || board.filters.tag ? <Link to="/pilotage">{t("board.reset")}</Link> : null}
      </Form>
      <ul className="board">
        {board.columns.map((column) => (
          <li key={column.stage} className={`board__column board__column--${column.stage.toLowerCase()}`}>
            <BoardColumn column={column} />
          </li>
        ))}
      </ul>
      <ExportLinks filters={{ space: board.filters.space, challenge: null, from: null, to: null }} />
    </section>
  );
}

function BoardColumn({ column }: { column: ManagerBoard["columns"][number] }) {
  const t = useT();
  const locale = useLocale();
  const duration = useDurationText();
  const headingId = `colonne-${column.stage.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`stage.${column.stage}`)}{" "}
        <span className="board__count" data-testid={`count-${column.stage}`}>
          {column.count}
        </span>
      </h2>
      {column.cards.length === 0 ? (
        <p className="muted">{t("board.empty")}</p>
      ) : (
        <ol className="board__cards">
          {column.cards.map((card) => (
            <li key={card.id} id={`idee-${card.id}`} className="board__card">
              <h3>
                <Link to={`/idees/${card.id}/pilotage`}>{card.title}</Link>
              </h3>
              <p className="meta">
                {locale === "fr" ? card.space.nameFr : card.space.nameEn} ·{" "}
                {t("idea.supports", { count: card.supports })}
              </p>
              <p className="meta">{t("board.age", { duration: duration(card.ageMs) })}</p>
              {card.tags.length ? <p className="meta">{card.tags.join(", ")}</p> : null}
              <MoveMenu card={card} />
            </li>
          ))}
        </ol>
      )}
      {column.count > column.cards.length ? (
        <p className="meta">{t("board.more", { count: column.count - column.cards.length })}</p>
      ) : null}
    </section>
  );
}

/** "Move to…", folded; it opens again by itself when the server refused the move, to show why. */
function MoveMenu({ card }: { card: ManagerBoard["columns"][number]["cards"][number] }) {
  const t = useT();
  const refused = useFormReply(`move-${card.id}`) !== undefined;
  if (card.moves.length === 0) return null;
  return (
    <details className="board__move" open={refused || undefined}>
      <summary>{t("board.move")}</summary>
      <StageMoveForm ideaId={card.id} title={card.title} stage={card.stage} moves={card.moves} compact />
    </details>
  );
}
