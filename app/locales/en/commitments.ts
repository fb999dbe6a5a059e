import type { commitments as fr } from "../fr/commitments.ts";

export const commitments: Record<keyof typeof fr, string> = {
  "commitments.title": "Our response commitments",
  "commitments.link": "Our response commitments",
  "commitments.space": "Space: {space}",
  "commitments.answer": "Every idea gets a first answer within {days, plural, one {# day} other {# days}}.",
  "commitments.review": "An idea under review gets a decision within {days, plural, one {# day} other {# days}}.",
  "commitments.noAnswer": "No first-answer time is set for this space.",
  "commitments.noReview": "No review time is set for this space.",
  "commitments.definition":
    "An idea has its first answer when it leaves the “Proposed” stage (put under review, rejected or archived with a reason) or when the team publishes its official answer, whichever comes first. An idea is under review while it is at the “Under review” stage. Times are counted in calendar days, Paris time.",
  "commitments.record": "The record over the last 12 months",
  "commitments.recordIntro":
    "Over the ideas proposed in the last twelve months, leaving out ideas hidden by moderation or merged into another.",
  "commitments.share": "Answered in time",
  "commitments.shareDetail":
    "{within} of {settled} ideas whose outcome is known (answered, or waiting past the commitment).",
  "commitments.median": "Median time to a first answer",
  "commitments.days": "{days, plural, =0 {the same day} one {# day} other {# days}}",
  "commitments.proposed": "Ideas proposed",
  "commitments.answered": "Ideas answered",
  "commitments.waitingOverdue": "Waiting past the commitment",
  "commitments.waitingWithin": "Waiting, within the commitment",
  "commitments.none": "No data yet",
  "commitments.edit": "Set this space's commitments",
  "commitments.answerField": "First answer within, in days",
  "commitments.reviewField": "Review within, in days",
  "commitments.fieldHint": "A whole number from 1 to 365; leave empty for no commitment.",
  "commitments.save": "Save the commitments",
  "commitments.saved": "The commitments are saved.",
  "commitments.daysInvalid": "A whole number of days, from 1 to 365.",
  "response.answered": "Answered in {days, plural, =0 {less than a day} one {# day} other {# days}}",
  "response.answeredCommitment":
    "Answered in {days, plural, =0 {less than a day} one {# day} other {# days}} (commitment: {commitment} days)",
  "response.waiting": "Waiting for an answer {days, plural, =0 {since today} one {for # day} other {for # days}}",
  "response.waitingCommitment":
    "Waiting for an answer {days, plural, =0 {since today} one {for # day} other {for # days}} (commitment: {commitment} days)",
  "response.review": "Under review {days, plural, =0 {since today} one {for # day} other {for # days}}",
  "response.reviewCommitment":
    "Under review {days, plural, =0 {since today} one {for # day} other {for # days}} (commitment: {commitment} days)",
  "response.overdue": "Overdue",
  "response.label": "Response time",
  "commitments.boardOverdueOnly": "Overdue only",
  "commitments.boardSort": "Order of the waiting columns",
  "commitments.boardSortStage": "By time in the stage",
  "commitments.boardSortUrgency": "By urgency (due day)",
  "commitments.boardOverdue": "Overdue by {days, plural, one {# day} other {# days}}",
  "commitments.boardDue": "Due: {date}",
  "notification.overdue":
    "{count, plural, one {# idea is} other {# ideas are}} waiting past the response commitment of its space.",
  "preferences.type.commitment.overdue": "Weekly reminder of overdue ideas (managers)",
  "audit.action.space.commitments": "Response commitments changed",
};
