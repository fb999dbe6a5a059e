// The home page (issue 16, part 4): what the platform is for, how an idea becomes reality, what is
// happening, and what awaits the signed-in person.
export const home = {
  "home.how": "Comment une idée devient réalité",
  "home.howIntro":
    "Chaque idée proposée suit le même chemin, en public : la communauté la soutient et la discute, l'équipe innovation l'étudie, puis l'expérimente avant de la déployer.",
  "home.stageCount": "{count, plural, =0 {aucune idée} one {# idée} other {# idées}}",
  "home.stageHelp.PROPOSED": "Proposée par une personne, soutenue et discutée par toutes.",
  "home.stageHelp.UNDER_REVIEW": "Étudiée par l'équipe innovation et des évaluateurs.",
  "home.stageHelp.SELECTED": "Retenue : une expérimentation se prépare.",
  "home.stageHelp.PILOT": "Testée en conditions réelles, mesurée par des indicateurs.",
  "home.stageHelp.PRODUCTION": "Déployée : elle sert au quotidien.",
  "home.closed":
    "Et aussi : {rejected, plural, =0 {aucune idée écartée} one {# idée écartée} other {# idées écartées}} (avec une réponse motivée), {archived, plural, =0 {aucune archivée} one {# archivée} other {# archivées}}.",
  "home.liveNote": "Ces nombres se mettent à jour en direct.",
  "home.challenges": "Défis ouverts",
  "home.challengesNone": "Aucun défi n'est ouvert en ce moment.",
  "home.challengeCloses": "Se termine le {date}",
  "home.trending": "Les idées du moment",
  "home.trendingNone": "Aucune idée pour l'instant : proposez la première !",
  "home.production": "Récemment en production",
  "home.productionNone": "Aucune idée n'est encore en production.",
  "home.productionAll": "Toutes les idées en production",
  "home.supports": "{count, plural, =0 {aucun soutien} one {# soutien} other {# soutiens}}",
  "home.yours": "Pour vous",
  "home.mine": "Vos idées",
  "home.mineNone": "Vous n'avez pas encore proposé d'idée.",
  "home.mineAll": "{count, plural, one {Votre idée sur votre profil} other {Vos # idées sur votre profil}}",
  "home.followed": "Ce que vous suivez",
  "home.followedNone": "Vous ne suivez encore aucune idée : soutenez-en une ou cliquez sur « Suivre ».",
  "home.followedAll": "Tout ce que vous suivez",
  "home.awaiting": "Ce qui vous attend",
  "home.awaitingNone": "Rien ne vous attend pour l'instant.",
  "home.unread": "{count, plural, one {# notification non lue} other {# notifications non lues}}",
  "home.toEvaluate": "À évaluer",
  "home.overdue":
    "{count, plural, one {# idée a dépassé le délai de réponse promis} other {# idées ont dépassé le délai de réponse promis}}",
  "home.signInCta": "Connectez-vous pour proposer une idée, soutenir celles des autres et suivre leur parcours.",
};
