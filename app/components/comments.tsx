import { Form, useLocation } from "@remix-run/react";
import { useState } from "react";
import type { Translate } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import type { ShownComment } from "~/models/comment-shown.ts";
import { CommentEditSchema, CommentFormSchema } from "~/models/comment.ts";
import { inlineAvatar } from "./avatar.tsx";
import { thumbnailSize } from "./attachments.tsx";
import { CommentForm } from "./comment-form.tsx";
import { Markdown } from "./markdown.tsx";
import { FlagCommentControl, ReportedNote, RestoreButton } from "./moderation.tsx";
import { onDemandLinks, OnDemandForm, useOnDemandForm, type OnDemandLinks } from "./on-demand.tsx";
import { personLink, usePersonName } from "./person-name.tsx";
import { timeAgo, useClock, type Clock } from "./relative-time.tsx";

/**
 * What every comment of a thread reads from the page, read once by the thread rather than by each of its
 * ~80 comments (docs/decisions/0049): the translations, the way names are shown, the clock, the one report
 * form asked for, the links of the forms on demand (docs/decisions/0061).
 */
type ThreadView = {
  t: Translate;
  personName: (name: string) => string;
  clock: Clock;
  canModerate: boolean;
  askedFlag: string | null;
  links: (param: string, commentId: string, anchor: string) => OnDemandLinks;
};

export function CommentThread({
  comments,
  canReply,
  canModerate = false,
  answeredForm = null,
  formKey,
}: {
  comments: ShownComment[];
  canReply: boolean;
  canModerate?: boolean;
  /** The form the last action answered: a refused reply stays on screen with its text. */
  answeredForm?: string | null;
  /** The page's idempotency key, for the reply forms. */
  formKey: string;
}) {
  // The one reply form the page was asked for without JavaScript (`?repondre=<id>`, see ReplyControl).
  // Likewise the one report form (`?signaler=<id>`, see FlagCommentControl).
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const askedReply = search.get("repondre");
  const thread: ThreadView = {
    t: useT(),
    personName: usePersonName(),
    clock: useClock(),
    canModerate,
    askedFlag: search.get("signaler"),
    links: onDemandLinks(location),
  };
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentItem comment={comment} thread={thread} />
          {comment.replies ? (
            <ol className="comment-list comment-list--replies">
              {comment.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentItem comment={reply} thread={thread} />
                </li>
              ))}
            </ol>
          ) : null}
          {/* A hidden comment is frozen: nothing new hangs on it while it is hidden. */}
          {(canReply && !comment.hidden && !comment.masked) || answeredForm === `reply-${comment.id}` ? (
            <ReplyControl
              parent={comment}
              thread={thread}
              formKey={formKey}
              asked={askedReply === comment.id || answeredForm === `reply-${comment.id}`}
            />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function CommentItem({ comment, thread }: { comment: ShownComment; thread: ThreadView }) {
  const { t, personName, canModerate } = thread;
  // A deleted or masked comment names nobody (the page is not sent its author).
  const { author } = comment;
  const name = author
    ? personName(author.displayName)
    : comment.masked
      ? t("moderation.commentMasked")
      : t("comments.deleted");
  // What follows the time on the meta line, as one text (no marker between adjacent texts: docs/decisions/0061).
  let after = comment.editedAt && !comment.deleted ? ` · ${t("comments.edited")}` : "";
  if (comment.mergedFrom)
    after += ` · ${
      comment.mergedFrom.title === null
        ? t("merge.fromHiddenIdea")
        : t("merge.fromIdea", { title: comment.mergedFrom.title })
    }`;
  return (
    <article className="comment" id={`commentaire-${comment.id}`} aria-label={name}>
      <p className="meta">
        <strong>
          {author ? (
            <>
              {inlineAvatar(author.avatarUrl)}
              {personLink(author, name)}
            </>
          ) : (
            name
          )}
        </strong>
        {" · "}
        {timeAgo(comment.createdAt, thread.clock)}
        {after || null}
      </p>
      {comment.hidden ? (
        <p className="notice notice--warning" role="note">
          {comment.hidden.kind === "PENDING_REVIEW"
            ? t("moderation.commentHiddenPending")
            : t("moderation.commentHiddenByModerator", { reason: comment.hidden.reason ?? "" })}
        </p>
      ) : null}
      {comment.hidden && canModerate ? <RestoreButton target="comment" targetId={comment.id} /> : null}
      {comment.masked || comment.deleted || comment.bodyHtml === undefined ? (
        <p className="muted">
          <em>{comment.masked ? t("moderation.commentMasked") : t("comments.deleted")}</em>
        </p>
      ) : (
        <Markdown html={comment.bodyHtml} lang={comment.language} />
      )}
      {comment.images ? (
        <ul className="comment-images">
          {comment.images.map((image) => (
            <li key={image.id}>
              <a href={`/pieces-jointes/${image.id}`}>
                <img
                  src={`/pieces-jointes/${image.id}/miniature`}
                  alt={t("attachments.commentImageAlt", { name: image.name })}
                  loading="lazy"
                  {...thumbnailSize(image)}
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {comment.canFlag || comment.flagged ? <CommentReport comment={comment} thread={thread} /> : null}
      {comment.canEdit && comment.body !== undefined ? (
        <div className="comment__actions">
          {/* Keyed by the last edit: once saved, the form starts again from the new text. */}
          <details key={comment.editedAt ?? "original"}>
            <summary>{t("comments.edit")}</summary>
            <CommentForm
              formId={`edit-${comment.id}`}
              intent="edit-comment"
              schema={CommentEditSchema}
              label={t("comments.editLabel")}
              submitLabel={t("comments.save")}
              defaultValue={{ body: comment.body }}
              hidden={{ commentId: comment.id }}
            />
          </details>
          {comment.canDelete ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="delete-comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" className="link-button">
                {t("comments.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/**
 * "Signaler ce commentaire", or "already reported" once the viewer did: only for a comment the viewer
 * may report or has reported (the state below is no work for the others).
 */
function CommentReport({ comment, thread }: { comment: ShownComment; thread: ThreadView }) {
  // Reported from this page: the report control (which held the focus) gives way to the "already
  // reported" line, which then takes the focus (React's "information from previous renders" pattern).
  const [couldFlag, setCouldFlag] = useState(comment.canFlag);
  const [reportedHere, setReportedHere] = useState(false);
  if (couldFlag !== comment.canFlag) {
    setCouldFlag(comment.canFlag);
    if (couldFlag && comment.flagged) setReportedHere(true);
  }
  return comment.canFlag ? (
    <FlagCommentControl
      commentId={comment.id}
      asked={thread.askedFlag === comment.id}
      links={thread.links("signaler", comment.id, `signalement-${comment.id}`)}
    />
  ) : (
    <ReportedNote takeFocus={reportedHere} />
  );
}

/** The reply to a top-level comment, rendered only when asked for (OnDemandForm, docs/decisions/0043). */
function ReplyControl({
  parent,
  thread,
  formKey,
  asked,
}: {
  parent: ShownComment;
  thread: ThreadView;
  formKey: string;
  asked: boolean;
}) {
  const { t, personName } = thread;
  const label = parent.author
    ? t("comments.replyTo", { name: personName(parent.author.displayName) })
    : t("comments.reply");
  return (
    <OnDemandForm
      links={thread.links("repondre", parent.id, `reponse-${parent.id}`)}
      className="reply"
      label={label}
      asked={asked}
      cancelLabel={t("comments.cancelReply")}
    >
      <ReplyForm parentId={parent.id} formKey={formKey} />
    </OnDemandForm>
  );
}

function ReplyForm({ parentId, formKey }: { parentId: string; formKey: string }) {
  const t = useT();
  const { cancel, close } = useOnDemandForm();
  return (
    <CommentForm
      formId={`reply-${parentId}`}
      intent="comment"
      schema={CommentFormSchema}
      label={t("comments.replyLabel")}
      submitLabel={t("comments.sendReply")}
      hidden={{ parentId }}
      idempotencyKey={formKey}
      onSent={close}
      cancel={cancel}
    />
  );
}
