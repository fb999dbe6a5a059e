// Response-time commitments on screen (docs/decisions/0028-response-time-commitments.md): the record a
// space keeps (its public commitments page) and the line on an idea's page about its wait.
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { shareWithin, type CommitmentRecord, type ResponseStatus } from "~/models/commitments.ts";

const percent = (locale: string, value: number) =>
  new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(
    value,
  );

export function CommitmentRecordFigures({
  record,
  hasCommitment,
}: {
  record: CommitmentRecord;
  hasCommitment: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const share = shareWithin(record);
  const settled = record.answered + record.waitingOverdue;
  return (
    <ul className="commitment-figures">
      {hasCommitment ? (
        <li data-testid="commitment-share">
          <strong>{share === null ? t("commitments.none") : percent(locale, share)}</strong>
          {t("commitments.share")}
          <span className="meta"> — {t("commitments.shareDetail", { within: record.answeredWithin, settled })}</span>
        </li>
      ) : null}
      <li data-testid="commitment-median">
        <strong>
          {record.medianDays === null ? t("commitments.none") : t("commitments.days", { days: record.medianDays })}
        </strong>
        {t("commitments.median")}
      </li>
      <li data-testid="commitment-proposed">
        <strong>{record.proposed}</strong>
        {t("commitments.proposed")}
      </li>
      <li>
        <strong>{record.answered}</strong>
        {t("commitments.answered")}
      </li>
      {hasCommitment ? (
        <>
          <li>
            <strong>{record.waitingOverdue}</strong>
            {t("commitments.waitingOverdue")}
          </li>
          <li>
            <strong>{record.waitingWithin}</strong>
            {t("commitments.waitingWithin")}
          </li>
        </>
      ) : null}
    </ul>
  );
}

/** "Answered in N days", "Waiting N days (commitment: 30)", "Under review for N days", with an overdue badge. */
export function ResponseStatusLine({ status }: { status: ResponseStatus }) {
  const t = useT();
  const { days, commitment } = status;
  const params = { days, commitment: commitment ?? 0 };
  const text =
    status.kind === "answered"
      ? t(commitment === null ? "response.answered" : "response.answeredCommitment", params)
      : status.kind === "waiting"
        ? t(commitment === null ? "response.waiting" : "response.waitingCommitment", params)
        : t(commitment === null ? "response.review" : "response.reviewCommitment", params);
  const overdue = status.kind !== "answered" && status.overdue;
  return (
    <p className="meta response-status" data-testid="response-status">
      {text}
      {overdue ? (
        <>
          {" "}
          <strong className="badge badge--overdue">{t("response.overdue")}</strong>
        </>
      ) : null}
    </p>
  );
}
