import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { useHydrated } from "~/lib/use-hydrated.ts";
import type { CommentView } from "~/models/comment.server.ts";
import { CommentEditSchema, CommentFormSchema } from "~/models/comment.ts";
import { InlineAvatar } from "./avatar.tsx";
import { thumbnailSize } from "./attachments.tsx";
import { CommentForm } from "./comment-form.tsx";
import { Markdown } from "./markdown.tsx";
import { FlagDisclosure, RestoreButton } from "./moderation.tsx";
import { PersonName, usePersonName } from "./person-name.tsx";
import { RelativeTime } from "./relative-time.tsx";

export function CommentThread({
  comments,
  canReply,
  canModerate = false,
  answeredForm = null,
  formKey,
}: {
  comments: CommentView[];
  canReply: boolean;
  canModerate?: boolean;
  /** The form the last action answered: a refused reply stays on screen with its text. */
  answeredForm?: string | null;
  /** The page's idempotency key, for the reply forms. */
  formKey: string;
}) {
  // The one reply form the page was asked for without JavaScript (`?repondre=<id>`, see ReplyControl).
  const askedReply = new URLSearchParams(useLocation().search).get("repondre");
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentItem comment={comment} canModerate={canModerate} />
          {comment.replies.length ? (
            <ol className="comment-list comment-list--replies">
              {comment.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentItem comment={reply} canModerate={canModerate} />
                </li>
              ))}
            </ol>
          ) : null}
          {/* A hidden comment is frozen: nothing new hangs on it while it is hidden. */}
          {(canReply && comment.hidden === null && !comment.masked) || answeredForm === `reply-${comment.id}` ? (
            <ReplyControl
              parent={comment}
              formKey={formKey}
              asked={askedReply === comment.id || answeredForm === `reply-${comment.id}`}
            />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function CommentItem({ comment, canModerate }: { comment: CommentView; canModerate: boolean }) {
  const t = useT();
  const personName = usePersonName();
  return (
    <article
      className="comment"
      id={`commentaire-${comment.id}`}
      aria-label={
        comment.masked
          ? t("moderation.commentMasked")
          : comment.deleted
            ? t("comments.deleted")
            : personName(comment.author.displayName)
      }
    >
      <p className="meta">
        <strong>
          {comment.masked ? (
            t("moderation.commentMasked")
          ) : comment.deleted ? (
            t("comments.deleted")
          ) : (
            <>
              <InlineAvatar avatarUrl={comment.author.avatarUrl} />
              <PersonName person={comment.author} />
            </>
          )}
        </strong>{" "}
        · <RelativeTime date={comment.createdAt} />
        {comment.editedAt && !comment.deleted ? <> · {t("comments.edited")}</> : null}
        {comment.mergedFrom ? (
          <>
            {" · "}
            {comment.mergedFrom.title === null
              ? t("merge.fromHiddenIdea")
              : t("merge.fromIdea", { title: comment.mergedFrom.title })}
          </>
        ) : null}
      </p>
      {comment.hidden ? (
        <p className="notice notice--warning" role="note">
          {comment.hidden.kind === "PENDING_REVIEW"
            ? t("moderation.commentHiddenPending")
            : t("moderation.commentHiddenByModerator", { reason: comment.hidden.reason ?? "" })}
        </p>
      ) : null}
      {comment.hidden && canModerate ? <RestoreButton target="comment" targetId={comment.id} /> : null}
      {comment.masked || comment.deleted || comment.bodyHtml === null ? (
        <p className="muted">
          <em>{comment.masked ? t("moderation.commentMasked") : t("comments.deleted")}</em>
        </p>
      ) : (
        <Markdown html={comment.bodyHtml} lang={comment.language} />
      )}
      {comment.images.length > 0 ? (
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
      {comment.canFlag ? (
        <FlagDisclosure formId={`flag-${comment.id}`} summary={t("moderation.flagComment")} commentId={comment.id} />
      ) : comment.flagged ? (
        <p className="flag muted">{t("moderation.alreadyFlagged")}</p>
      ) : null}
      {comment.canEdit && comment.body !== null ? (
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
 * The reply to a top-level comment, rendered only when asked for (docs/decisions/0043): the page carries
 * a "Répondre à …" link per comment instead of an editor per comment. Without JavaScript the link asks the
 * server for the page with that one form (`?repondre=<id>#reponse-<id>`; "Annuler" is a link back).
 * Once hydrated it is a disclosure button (aria-expanded) that opens the form in place and puts the focus
 * in its text; Escape or "Annuler" closes it and gives the focus back to the button, and so does sending.
 */
function ReplyControl({ parent, formKey, asked }: { parent: CommentView; formKey: string; asked: boolean }) {
  const t = useT();
  const personName = usePersonName();
  const hydrated = useHydrated();
  const location = useLocation();
  const formId = `reply-${parent.id}`;
  // Opened by the address or by a refused sending (its text and errors stay on screen), until the person
  // opens or closes it here.
  const [shown, setShown] = useState<boolean | null>(null);
  const open = shown ?? asked;
  const control = useRef<HTMLButtonElement>(null);
  const zone = useRef<HTMLDivElement>(null);
  const focusText = useRef(false);
  const close = () => {
    setShown(false);
    control.current?.focus();
  };
  useEffect(() => {
    const element = zone.current;
    if (!open || !element) return;
    if (focusText.current) element.querySelector("textarea")?.focus();
    focusText.current = false;
    const onKeyDown = (event: KeyboardEvent) => {
      // An open list of @mention suggestions takes Escape first (it prevents the default).
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      setShown(false);
      control.current?.focus();
    };
    element.addEventListener("keydown", onKeyDown);
    return () => element.removeEventListener("keydown", onKeyDown);
  }, [open]);
  const label = parent.deleted
    ? t("comments.reply")
    : t("comments.replyTo", { name: personName(parent.author.displayName) });
  const params = new URLSearchParams(location.search);
  params.set("repondre", parent.id);
  const openHref = `${location.pathname}?${params}#reponse-${parent.id}`;
  params.delete("repondre");
  const rest = params.toString();
  const closeHref = `${location.pathname}${rest ? `?${rest}` : ""}#commentaire-${parent.id}`;
  const zoneId = `${formId}-zone`;
  return (
    <div className="reply" id={`reponse-${parent.id}`}>
      {hydrated ? (
        <button
          ref={control}
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={open ? zoneId : undefined}
          onClick={() => {
            if (open) return close();
            focusText.current = true;
            setShown(true);
          }}
        >
          {label}
        </button>
      ) : open ? null : (
        <Link to={openHref} preventScrollReset>
          {label}
        </Link>
      )}
      {open ? (
        <div id={zoneId} ref={zone}>
          <CommentForm
            formId={formId}
            intent="comment"
            schema={CommentFormSchema}
            label={t("comments.replyLabel")}
            submitLabel={t("comments.sendReply")}
            hidden={{ parentId: parent.id }}
            idempotencyKey={formKey}
            onSent={close}
            cancel={
              hydrated ? (
                <button type="button" className="button--secondary" onClick={close}>
                  {t("comments.cancelReply")}
                </button>
              ) : (
                <Link to={closeHref}>{t("comments.cancelReply")}</Link>
              )
            }
          />
        </div>
      ) : null}
    </div>
  );
}
