// Comments on an idea: exactly the French keys (a missing or extra key is a type error).
import type { comments as fr } from "../fr/comments.ts";

export const comments: Record<keyof typeof fr, string> = {
  "comments.title": "Comments",
  "comments.empty": "No comments yet.",
  "comments.new": "Your comment",
  "comments.hint": "Markdown accepted (5,000 characters at most).",
  "comments.submit": "Comment",
  "comments.reply": "Reply",
  "comments.replyTo": "Reply to {name}",
  "comments.replyLabel": "Your reply",
  "comments.sendReply": "Send reply",
  "comments.cancelReply": "Cancel",
  "comments.edit": "Edit",
  "comments.editLabel": "Edit your comment",
  "comments.save": "Save",
  "comments.delete": "Delete",
  "comments.deleted": "Comment deleted",
  "comments.edited": "edited",
  "comments.signIn": "Sign in to comment.",
  "comments.added": "Your comment is published.",
  "comments.updated": "Your comment was updated.",
  "comments.removed": "Your comment was deleted.",
  "comments.parentGone": "The comment you are replying to no longer exists.",
};
