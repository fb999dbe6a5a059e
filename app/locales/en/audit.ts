import type { audit as fr } from "../fr/audit.ts";

export const audit: Record<keyof typeof fr, string> = {
  "audit.says.unknown": "Unknown action.",
  "audit.says.note": "Reason or note:",
  "audit.says.idea.stage": "Stage moved from “{from}” to “{to}”.",
  "audit.says.pilot.update":
    "Pilot edited ({count, plural, =0 {no field changed} one {# field changed} other {# fields changed}}).",
  "audit.says.pilot.kpi.add": "Indicator “{name}” added.",
  "audit.says.pilot.kpi.update": "Indicator “{name}” edited.",
  "audit.says.pilot.kpi.delete": "Indicator “{name}” deleted.",
  "audit.says.pilot.decision":
    "Pilot decision: {decision, select, GO {roll out} NO_GO {do not roll out} other {withdrawn}}.",
  "audit.says.rollout.update":
    "Roll-out edited ({count, plural, =0 {no field changed} one {# field changed} other {# fields changed}}).",
  "audit.says.evaluation.assign": "An evaluator was assigned.",
  "audit.says.evaluation.unassign":
    "An evaluator was removed{scored, select, yes {; their evaluation is deleted} other {}}.",
  "audit.says.evaluation.submit":
    "Evaluation saved: impact {impact}/5, feasibility {feasibility}/5, cost {cost}/5, alignment {alignment}/5.",
  "audit.says.answer.publish": "Official answer published.",
  "audit.says.answer.update": "Official answer edited.",
  "audit.says.user.role": "Role changed from “{from}” to “{to}”.",
  "audit.says.space.grant": "Access to an internal space granted.",
  "audit.says.space.revoke": "Access to an internal space revoked.",
  "audit.says.moderation.autohide":
    "Hidden automatically pending review ({flags, plural, one {# report} other {# reports}}, threshold {threshold}).",
  "audit.says.moderation.hide":
    "Hidden by a moderator ({closed, plural, =0 {no report closed} one {# report closed} other {# reports closed}}).",
  "audit.says.moderation.restore":
    "Restored by a moderator ({closed, plural, =0 {no report closed} one {# report closed} other {# reports closed}}).",
  "audit.says.moderation.dismiss": "Reports dismissed ({closed, plural, =0 {none closed} other {# closed}}).",
  "audit.says.user.suspend": "Account suspended.",
  "audit.says.user.unsuspend": "Suspension lifted.",
  "audit.says.challenge.create": "Challenge created.",
  "audit.says.challenge.participation":
    "The challenge's votes and comments {open, select, yes {reopened} other {closed}}.",
  "audit.says.user.sessions.end":
    "{count, plural, =0 {No open session was ended} one {# session ended} other {# sessions ended}}.",
  "audit.says.user.session.end": "One session ended.",
  "audit.says.user.password":
    "Password changed ({count, plural, =0 {no other session ended} one {# other session ended} other {# other sessions ended}}).",
  "audit.says.user.email": "E-mail address changed.",
  "audit.says.user.export": "Personal data exported.",
  "audit.says.user.delete": "Account deleted.",
  "audit.says.user.identity.link": "Identity linked (provider {provider}).",
  "audit.says.user.identity.unlink": "Identity removed (provider {provider}).",
  "audit.says.idea.merge":
    "Merged into another idea ({count, plural, =0 {no support moved} one {# support moved} other {# supports moved}}).",
  "audit.says.idea.unmerge": "Merge undone.",
  "audit.says.indicators.export": "Indicators CSV export downloaded.",
  "audit.says.user.password.reset":
    "Password reset through a link ({count, plural, =0 {no session ended} one {# session ended} other {# sessions ended}}).",
  "audit.says.supplier.invite": "Supplier invited: {company}.",
  "audit.says.supplier.accept": "Invitation accepted: {company}.",
  "audit.says.supplier.revoke": "Supplier access revoked.",
  "audit.says.terms.publish": "Supplier terms published (version {version}).",
  "audit.says.terms.accept": "Supplier terms accepted (version {version}).",
  "audit.says.space.commitments":
    "Response-time commitments: first answer {answer, select, none {without commitment} other {within {answer} days}}, review {review, select, none {without commitment} other {within {review} days}}.",
  "audit.says.agencies.import":
    "Agency list imported: {rows, plural, one {# row} other {# rows}}, {created, plural, other {#}} created, {updated, plural, other {#}} updated.",
  "audit.says.rollout.adoption": "Use by agency {agency} recorded.",
  "audit.says.webhook.create": "Webhook created to {url}.",
  "audit.says.webhook.delete": "Webhook deleted.",
  "audit.says.hackathon.create": "Hackathon created.",
  "audit.says.hackathon.update": "Hackathon edited.",
  "audit.says.hackathon.register": "Registered for the hackathon.",
  "audit.says.hackathon.cancel": "Hackathon registration cancelled.",
  "audit.says.hackathon.juror": "Hackathon jury changed.",
  "audit.says.hackathon.results": "Hackathon results published.",
  "audit.says.attachment.add": "Attachment added.",
  "audit.says.attachment.delete": "Attachment deleted.",
};
