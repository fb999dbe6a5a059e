// The manager board's parts: the filter form (a plain GET form), a stage column with its count, its
// cards, the "move to…" menu of each card and the links to the column's next page — plain links, so
// paging works without JavaScript and with the keyboard alone.
import { Form, Link } from "@remix-run/react";
import { formatDate } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { ManagerBoard } from "~/models/board.server.ts";
import { boardHref, hasBoardFilters, MAX_AGE_DAYS, NO_BOARD_FILTERS } from "~/models/board.ts";
import { justNow } from "~/models/pipeline.ts";
import { StageMoveForm, useDurationText } from "./pipeline.tsx";
import { useFormReply } from "./schema-form.tsx";

export function BoardFiltersForm({ board }: { board: ManagerBoard }) {
  const t = useT();
  const locale = useLocale();
  const { filters } = board;
  return (
    <Form method="get" action="/pilotage" className="inline-form board-filters" aria-label={t("board.filters")}>
      <label htmlFor="board-space">{t("board.space")}</label>
      <select id="board-space" name="espace" defaultValue={filters.space ?? ""}>
        <option value="">{t("board.allSpaces")}</option>
        {board.spaces.map((s) => (
          <option key={s.id} value={s.slug}>
            {locale === "fr" ? s.nameFr : s.nameEn}
          </option>
        ))}
      </select>
      <label htmlFor="board-challenge">{t("board.challenge")}</label>
      <select id="board-challenge" name="defi" defaultValue={filters.challenge ?? ""}>
        <option value="">{t("board.allChallenges")}</option>
        {board.challenges.map((c) => (
          <option key={c.id} value={c.id} lang={c.language}>
            {c.title}
          </option>
        ))}
      </select>
      <label htmlFor="board-tag">{t("board.tag")}</label>
      <input id="board-tag" type="search" name="mot-cle" defaultValue={filters.tag ?? ""} maxLength={30} />
      <label htmlFor="board-age">{t("board.olderThan")}</label>
      <input
        id="board-age"
        type="number"
        name="anciennete"
        min={1}
        max={MAX_AGE_DAYS}
        step={1}
        inputMode="numeric"
        defaultValue={filters.olderThanDays ?? ""}
        aria-describedby="board-age-hint"
      />
      <span id="board-age-hint" className="hint">
        {t("board.olderThanHint")}
      </span>
      <label className="checkbox">
        <input type="checkbox" name="en-retard" value="1" defaultChecked={filters.overdue} />{" "}
        {t("commitments.boardOverdueOnly")}
      </label>
      <label htmlFor="board-sort">{t("commitments.boardSort")}</label>
      <select id="board-sort" name="tri" defaultValue={filters.sort === "urgency" ? "urgence" : ""}>
        <option value="">{t("commitments.boardSortStage")}</option>
        <option value="urgence">{t("commitments.boardSortUrgency")}</option>
      </select>
      <button type="submit">{t("board.apply")}</button>
      {hasBoardFilters(filters) ? <Link to={boardHref(NO_BOARD_FILTERS)}>{t("board.reset")}</Link> : null}
    </Form>
  );
}

export function BoardColumn({ board, column }: { board: ManagerBoard; column: ManagerBoard["columns"][number] }) {
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
        <ol className="board__cards" data-testid={`cards-${column.stage}`}>
          {column.cards.map((card) => (
            <li key={card.id} id={`idee-${card.id}`} className="board__card">
              <h3>
                <Link to={`/idees/${card.id}/pilotage`} lang={card.language}>
                  {card.title}
                </Link>
              </h3>
              <p className="meta">
                {locale === "fr" ? card.space.nameFr : card.space.nameEn} ·{" "}
                {t("idea.supports", { count: card.supports })}
              </p>
              <p className="meta">{t("board.age", { duration: duration(card.ageMs), justNow: justNow(card.ageMs) })}</p>
              {card.overdueDays > 0 ? (
                <p className="badge badge--overdue">{t("commitments.boardOverdue", { days: card.overdueDays })}</p>
              ) : card.dueOn ? (
                <p className="meta">{t("commitments.boardDue", { date: formatDate(locale, card.dueOn) })}</p>
              ) : null}
              {card.tags.length ? (
                <p className="meta" lang={card.language}>
                  {card.tags.join(", ")}
                </p>
              ) : null}
              <MoveMenu card={card} />
            </li>
          ))}
        </ol>
      )}
      {column.next || column.paged ? (
        <nav className="board__pages" aria-label={t("board.pages", { stage: t(`stage.${column.stage}`) })}>
          {column.paged ? <Link to={`${boardHref(board.filters)}#${headingId}`}>{t("board.first")}</Link> : null}{" "}
          {column.next ? (
            <Link to={boardHref(board.filters, { column: column.stage, after: column.next })} rel="next">
              {t("board.next")}
            </Link>
          ) : null}
        </nav>
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
      <StageMoveForm
        ideaId={card.id}
        title={card.title}
        language={card.language}
        stage={card.stage}
        moves={card.moves}
        compact
      />
    </details>
  );
}
