import type { home as fr } from "../fr/home.ts";

export const home: Record<keyof typeof fr, string> = {
  "home.how": "How an idea becomes reality",
  "home.howIntro":
    "Every idea follows the same path, in the open: the community supports and discusses it, the innovation team studies it, then tries it out before rolling it out.",
  "home.stageCount": "{count, plural, =0 {no ideas} one {# idea} other {# ideas}}",
  "home.stageHelp.PROPOSED": "Proposed by one person, supported and discussed by all.",
  "home.stageHelp.UNDER_REVIEW": "Studied by the innovation team and evaluators.",
  "home.stageHelp.SELECTED": "Selected: a pilot is being prepared.",
  "home.stageHelp.PILOT": "Tried in real conditions, measured by indicators.",
  "home.stageHelp.PRODUCTION": "Rolled out: in everyday use.",
  "home.closed":
    "Also: {rejected, plural, =0 {no ideas declined} one {# idea declined} other {# ideas declined}} (with a reasoned answer), {archived, plural, =0 {none archived} other {# archived}}.",
  "home.liveNote": "These figures update live.",
  "home.challenges": "Open challenges",
  "home.challengesNone": "No challenge is open at the moment.",
  "home.challengeCloses": "Closes on {date}",
  "home.trending": "Ideas of the moment",
  "home.trendingNone": "No ideas yet: propose the first one!",
  "home.production": "Recently in production",
  "home.productionNone": "No idea is in production yet.",
  "home.productionAll": "All ideas in production",
  "home.supports": "{count, plural, =0 {no support} one {# support} other {# supports}}",
  "home.yours": "For you",
  "home.mine": "Your ideas",
  "home.mineNone": "You have not proposed an idea yet.",
  "home.mineAll": "{count, plural, one {Your idea on your profile} other {Your # ideas on your profile}}",
  "home.followed": "What you follow",
  "home.followedNone": "You follow no idea yet: support one or select “Follow”.",
  "home.followedAll": "Everything you follow",
  "home.awaiting": "What awaits you",
  "home.awaitingNone": "Nothing awaits you for now.",
  "home.unread": "{count, plural, one {# unread notification} other {# unread notifications}}",
  "home.toEvaluate": "To evaluate",
  "home.overdue":
    "{count, plural, one {# idea is past the promised response time} other {# ideas are past the promised response time}}",
  "home.signInCta": "Log in to propose an idea, support others' and follow their journey.",
};
