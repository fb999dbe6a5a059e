// Merging duplicate ideas (docs/decisions/0014-merge-duplicates.md).
export const merge = {
  "merge.section": "Fusionner dans une autre idée",
  "merge.intro":
    "Si cette idée est un doublon, fusionnez-la dans l'idée qui la reprend : ses soutiens (chaque personne comptée une fois) et ses commentaires y sont repris, et sa page renvoie vers elle. La fusion peut être annulée tant que l'idée d'accueil est à l'étude.",
  "merge.target": "Idée d'accueil (adresse de sa page ou identifiant)",
  "merge.targetHint": "Par exemple https://…/idees/abc123. Les deux idées doivent être du même espace et à l'étude.",
  "merge.search": "Chercher l'idée d'accueil par son titre",
  "merge.searchHint": "Parmi les idées du même espace, proposées ou à l'étude. Ou collez son adresse plus bas.",
  "merge.searchSubmit": "Chercher",
  "merge.noResults": "Aucune idée de cet espace ne correspond.",
  "merge.results":
    "{count, plural, one {# idée trouvée : choisissez l'idée d'accueil} other {# idées trouvées : choisissez l'idée d'accueil}}",
  "merge.note": "Note (facultative)",
  "merge.noteHint": "Pourquoi ces idées sont des doublons : affichée avec la fusion.",
  "merge.submit": "Fusionner dans cette idée",
  "merge.done": "« {source} » a été fusionnée dans « {target} ».",
  "merge.undone": "La fusion de « {source} » est annulée : l'idée a retrouvé ses soutiens et ses commentaires.",
  "merge.redirected": "« {source} » a été fusionnée dans cette idée.",
  "merge.mergedInto": "Cette idée a été fusionnée dans « {title} ».",
  "merge.listTitle": "Idées fusionnées ici",
  "merge.listItem": "« {title} » — fusionnée le {date}",
  "merge.movedComments":
    "{count, plural, =0 {aucun commentaire repris} one {# commentaire repris} other {# commentaires repris}} de « {title} »",
  "merge.movedSupporters":
    "{count, plural, =0 {aucun nouveau soutien} one {# soutien ajouté} other {# soutiens ajoutés}}",
  "merge.undo": "Annuler la fusion",
  "merge.undoClosed": "L'idée a quitté l'étude : la fusion ne peut plus être annulée.",
  "merge.fromIdea": "Repris de « {title} »",
  "merge.fromHiddenIdea": "Repris d'une idée masquée",
  "merge.listItemHidden": "Une idée masquée par la modération — fusionnée le {date}",
  "merge.movedCommentsHidden":
    "{count, plural, =0 {aucun commentaire repris} one {# commentaire repris} other {# commentaires repris}} d'une idée masquée",
  "merge.mergedIntoHidden": "Cette idée a été fusionnée dans une idée masquée par la modération.",
  "merge.undoHidden":
    "Une des deux idées est masquée par la modération : la fusion ne peut pas être annulée tant qu'elle l'est.",
  "merge.targetInvalid": "Indiquez l'adresse ou l'identifiant d'une idée.",
  "merge.targetNotFound": "Aucune idée trouvée à cette adresse.",
  "merge.sameIdea": "Une idée ne peut pas être fusionnée dans elle-même.",
  "merge.otherSpace": "Les deux idées doivent appartenir au même espace.",
  "merge.sourceMerged": "Cette idée a déjà été fusionnée.",
  "merge.targetMerged": "Cette idée a elle-même été fusionnée dans une autre : choisissez celle-ci.",
  "merge.sourceHidden": "Une idée masquée par la modération ne peut pas être fusionnée.",
  "merge.targetHidden": "L'idée d'accueil est masquée par la modération.",
  "merge.sourceStage": "Seule une idée proposée ou à l'étude peut être fusionnée.",
  "merge.targetStage": "L'idée d'accueil doit être proposée ou à l'étude.",
  "merge.sourceHasMerges":
    "D'autres idées ont été fusionnées dans celle-ci : fusionnez-les directement dans l'idée d'accueil, ou annulez d'abord ces fusions.",
  "merge.alreadyUndone": "Cette fusion a déjà été annulée.",
  "merge.targetLeftReview": "L'idée d'accueil a quitté l'étude : la fusion ne peut plus être annulée.",
};
