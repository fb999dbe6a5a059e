// Merging duplicate ideas (docs/decisions/0014-merge-duplicates.md): exactly the French keys (a missing or extra key is a type error).
import type { merge as fr } from "../fr/merge.ts";

export const merge: Record<keyof typeof fr, string> = {
  "merge.section": "Merge into another idea",
  "merge.intro":
    "If this idea is a duplicate, merge it into the idea that covers it: its supporters (each person counted once) and its comments move there, and its page leads there. The merge can be undone while the receiving idea is under review.",
  "merge.target": "Receiving idea (address of its page or id)",
  "merge.targetHint": "For example https://…/idees/abc123. Both ideas must be in the same space and under review.",
  "merge.search": "Find the receiving idea by its title",
  "merge.searchHint":
    "Among the ideas of the same space that are proposed or under review. Or paste its address below.",
  "merge.searchSubmit": "Search",
  "merge.noResults": "No idea of this space matches.",
  "merge.results":
    "{count, plural, one {# idea found: choose the receiving idea} other {# ideas found: choose the receiving idea}}",
  "merge.note": "Note (optional)",
  "merge.noteHint": "Why these ideas are duplicates: shown with the merge.",
  "merge.submit": "Merge into this idea",
  "merge.done": "“{source}” was merged into “{target}”.",
  "merge.undone": "The merge of “{source}” is undone: the idea has its supporters and comments back.",
  "merge.redirected": "“{source}” was merged into this idea.",
  "merge.mergedInto": "This idea was merged into “{title}”.",
  "merge.listTitle": "Ideas merged here",
  "merge.listItem": "“{title}” — merged on {date}",
  "merge.movedComments": "{count, plural, =0 {no comment} one {# comment} other {# comments}} moved from “{title}”",
  "merge.movedSupporters": "{count, plural, =0 {no new supporter} one {# supporter added} other {# supporters added}}",
  "merge.undo": "Undo the merge",
  "merge.undoClosed": "The idea has left review: the merge can no longer be undone.",
  "merge.fromIdea": "Moved from “{title}”",
  "merge.fromHiddenIdea": "Moved from a hidden idea",
  "merge.listItemHidden": "An idea hidden by moderation — merged on {date}",
  "merge.movedCommentsHidden":
    "{count, plural, =0 {no comment} one {# comment} other {# comments}} moved from a hidden idea",
  "merge.mergedIntoHidden": "This idea was merged into an idea hidden by moderation.",
  "merge.undoHidden": "One of the two ideas is hidden by moderation: the merge cannot be undone while it is.",
  "merge.targetInvalid": "Give the address or the id of an idea.",
  "merge.targetNotFound": "No idea found at this address.",
  "merge.sameIdea": "An idea cannot be merged into itself.",
  "merge.otherSpace": "Both ideas must belong to the same space.",
  "merge.sourceMerged": "This idea was already merged.",
  "merge.targetMerged": "That idea was itself merged into another: choose that one.",
  "merge.sourceHidden": "An idea hidden by moderation cannot be merged.",
  "merge.targetHidden": "The receiving idea is hidden by moderation.",
  "merge.sourceStage": "Only a proposed idea or one under review can be merged.",
  "merge.targetStage": "The receiving idea must be proposed or under review.",
  "merge.sourceHasMerges":
    "Other ideas were merged into this one: merge them directly into the receiving idea, or undo those merges first.",
  "merge.alreadyUndone": "This merge was already undone.",
  "merge.targetLeftReview": "The receiving idea has left review: the merge can no longer be undone.",
};
