// The admin journal's details, one sentence per action (app/models/audit-sentence.ts).
export const audit = {
  "audit.says.unknown": "Action non reconnue.",
  "audit.says.note": "Motif ou note :",
  "audit.says.idea.stage": "Étape passée de « {from} » à « {to} ».",
  "audit.says.pilot.update":
    "Expérimentation modifiée ({count, plural, =0 {aucun champ changé} one {# champ changé} other {# champs changés}}).",
  "audit.says.pilot.kpi.add": "Indicateur « {name} » ajouté.",
  "audit.says.pilot.kpi.update": "Indicateur « {name} » modifié.",
  "audit.says.pilot.kpi.delete": "Indicateur « {name} » supprimé.",
  "audit.says.pilot.decision":
    "Décision sur l'expérimentation : {decision, select, GO {généraliser} NO_GO {ne pas généraliser} other {retirée}}.",
  "audit.says.rollout.update":
    "Déploiement modifié ({count, plural, =0 {aucun champ changé} one {# champ changé} other {# champs changés}}).",
  "audit.says.evaluation.assign": "Un évaluateur a été désigné.",
  "audit.says.evaluation.unassign":
    "Un évaluateur a été retiré{scored, select, yes { ; son évaluation est supprimée} other {}}.",
  "audit.says.evaluation.submit":
    "Évaluation enregistrée : impact {impact}/5, faisabilité {feasibility}/5, coût {cost}/5, alignement {alignment}/5.",
  "audit.says.answer.publish": "Réponse officielle publiée.",
  "audit.says.answer.update": "Réponse officielle modifiée.",
  "audit.says.user.role": "Rôle changé de « {from} » à « {to} ».",
  "audit.says.space.grant": "Accès à un espace interne accordé.",
  "audit.says.space.revoke": "Accès à un espace interne retiré.",
  "audit.says.moderation.autohide":
    "Masqué automatiquement en attendant un examen ({flags, plural, one {# signalement} other {# signalements}}, seuil {threshold}).",
  "audit.says.moderation.hide":
    "Masqué par un modérateur ({closed, plural, =0 {aucun signalement clos} one {# signalement clos} other {# signalements clos}}).",
  "audit.says.moderation.restore":
    "Rétabli par un modérateur ({closed, plural, =0 {aucun signalement clos} one {# signalement clos} other {# signalements clos}}).",
  "audit.says.moderation.dismiss":
    "Signalements écartés ({closed, plural, =0 {aucun clos} one {# clos} other {# clos}}).",
  "audit.says.user.suspend": "Compte suspendu.",
  "audit.says.user.unsuspend": "Suspension levée.",
  "audit.says.challenge.create": "Défi créé.",
  "audit.says.challenge.participation": "Votes et commentaires du défi {open, select, yes {rouverts} other {fermés}}.",
  "audit.says.user.sessions.end":
    "{count, plural, =0 {Aucune session ouverte n'a été fermée} one {# session fermée} other {# sessions fermées}}.",
  "audit.says.user.session.end": "Une session fermée.",
  "audit.says.user.password":
    "Mot de passe changé ({count, plural, =0 {aucune autre session fermée} one {# autre session fermée} other {# autres sessions fermées}}).",
  "audit.says.user.email": "Adresse e-mail changée.",
  "audit.says.user.export": "Données personnelles exportées.",
  "audit.says.user.delete": "Compte supprimé.",
  "audit.says.user.identity.link": "Identité liée (fournisseur {provider}).",
  "audit.says.user.identity.unlink": "Identité retirée (fournisseur {provider}).",
  "audit.says.idea.merge":
    "Fusionnée dans une autre idée ({count, plural, =0 {aucun soutien transféré} one {# soutien transféré} other {# soutiens transférés}}).",
  "audit.says.idea.unmerge": "Fusion annulée.",
  "audit.says.indicators.export": "Export CSV des indicateurs téléchargé.",
  "audit.says.user.password.reset":
    "Mot de passe réinitialisé par lien ({count, plural, =0 {aucune session fermée} one {# session fermée} other {# sessions fermées}}).",
  "audit.says.supplier.invite": "Fournisseur invité : {company}.",
  "audit.says.supplier.accept": "Invitation acceptée : {company}.",
  "audit.says.supplier.revoke": "Accès du fournisseur retiré.",
  "audit.says.terms.publish": "Conditions des fournisseurs publiées (version {version}).",
  "audit.says.terms.accept": "Conditions des fournisseurs acceptées (version {version}).",
  "audit.says.space.commitments":
    "Engagements de délai : première réponse {answer, select, none {sans engagement} other {sous {answer} jours}}, étude {review, select, none {sans engagement} other {sous {review} jours}}.",
  "audit.says.agencies.import":
    "Référentiel des agences importé : {rows, plural, one {# ligne} other {# lignes}}, {created, plural, one {# créée} other {# créées}}, {updated, plural, one {# mise à jour} other {# mises à jour}}.",
  "audit.says.rollout.adoption": "Utilisation par l'agence {agency} enregistrée.",
  "audit.says.webhook.create": "Webhook créé vers {url}.",
  "audit.says.webhook.delete": "Webhook supprimé.",
  "audit.says.hackathon.create": "Hackathon créé.",
  "audit.says.hackathon.update": "Hackathon modifié.",
  "audit.says.hackathon.register": "Inscription au hackathon.",
  "audit.says.hackathon.cancel": "Inscription au hackathon annulée.",
  "audit.says.hackathon.juror": "Jury du hackathon modifié.",
  "audit.says.hackathon.results": "Résultats du hackathon publiés.",
  "audit.says.attachment.add": "Pièce jointe ajoutée.",
  "audit.says.attachment.delete": "Pièce jointe supprimée.",
};
