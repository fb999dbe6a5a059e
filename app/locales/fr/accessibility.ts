// The accessibility statement (RGAA 4.1 model: état de conformité, résultats, contenus non accessibles,
// établissement, technologies, environnement de test, retour d'information, voies de recours).
export const accessibility = {
  "a11y.footer": "Accessibilité : partiellement conforme",
  "a11y.title": "Déclaration d'accessibilité",
  "a11y.intro":
    "L'équipe Idées s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique au site Idées (InnovAction et Emploi Store Idées).",
  "a11y.statusTitle": "État de conformité",
  "a11y.status":
    "Le site Idées est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités et des limites énumérées ci-dessous.",
  "a11y.resultsTitle": "Résultats des tests",
  "a11y.results":
    "Aucun audit RGAA complet n'a encore été réalisé par un organisme indépendant : le taux de conformité aux critères du RGAA n'est donc pas encore mesuré. À chaque modification du site, un test automatique visite toutes les pages accessibles par les liens, pour chaque rôle (visiteur, public, agent, fournisseur, modérateur, manager, administrateur), en français et en anglais, sur téléphone (390 × 844) et sur ordinateur (1280 × 900) : aucune page ne défile horizontalement et l'outil axe-core n'y relève aucune erreur des niveaux A et AA des WCAG 2.1 et 2.2.",
  "a11y.nonAccessibleTitle": "Contenus non accessibles",
  "a11y.nonCompliantTitle": "Non-conformités",
  "a11y.nonCompliant1":
    "Les graphiques de la page des indicateurs sont des images vectorielles : leurs valeurs sont reprises dans des tableaux, mais la relation entre un graphique et son tableau n'a pas été vérifiée avec un lecteur d'écran.",
  "a11y.nonCompliant2":
    "La restitution par les lecteurs d'écran (NVDA, JAWS, VoiceOver, TalkBack) n'a pas encore été testée manuellement ; les mises à jour en direct sont annoncées par une zone de message polie, sans garantie de restitution identique partout.",
  "a11y.nonCompliant3":
    "Les tests manuels des critères non vérifiables automatiquement (pertinence des alternatives, ordre de lecture, compréhension des messages d'erreur) restent à faire.",
  "a11y.derogationsTitle": "Dérogations pour charge disproportionnée",
  "a11y.derogations": "Aucune.",
  "a11y.exemptTitle": "Contenus non soumis à l'obligation d'accessibilité",
  "a11y.exempt":
    "Les idées, commentaires et défis rédigés par les utilisateurs (ils sont marqués de la langue dans laquelle ils ont été écrits), et les fichiers de données ouvertes (CSV et JSON), destinés à être réutilisés par des programmes.",
  "a11y.establishedTitle": "Établissement de cette déclaration",
  "a11y.established": "Cette déclaration a été établie le 7 décembre 2026, sur la base d'une auto-évaluation.",
  "a11y.technologiesTitle": "Technologies utilisées pour la réalisation du site",
  "a11y.technologies": "HTML5, CSS, JavaScript, WAI-ARIA, SVG. Le site fonctionne aussi sans JavaScript.",
  "a11y.environmentTitle": "Environnement de test",
  "a11y.environment":
    "Navigateur Chromium (Debian) piloté par Playwright, avec axe-core, sur Linux ; parcours au clavier seul dans les tests de navigateur. Les combinaisons avec lecteur d'écran (NVDA et Firefox, JAWS et Chrome, VoiceOver et Safari) restent à tester.",
  "a11y.toolsTitle": "Outils pour évaluer l'accessibilité",
  "a11y.tools":
    "axe-core (règles WCAG 2.0, 2.1 et 2.2, niveaux A et AA), Playwright, contrôle des défilements horizontaux.",
  "a11y.pagesTitle": "Pages du site ayant fait l'objet de la vérification",
  "a11y.pages":
    "Toutes les pages accessibles par un lien depuis l'accueil, pour chaque rôle : accueil, espaces et listes d'idées, pages d'idées, défis, recherche, idées en production, connexion et création de compte, compte, notifications, pilotage et indicateurs, modération, administration, cette déclaration.",
  "a11y.feedbackTitle": "Retour d'information et contact",
  "a11y.feedback":
    "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l'équipe Idées, par l'administrateur de votre espace, pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.",
  "a11y.remedyTitle": "Voies de recours",
  "a11y.remedy":
    "Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au {defender}. Plusieurs moyens sont à votre disposition :",
  "a11y.remedyForm": "écrire un message au {defender}, par le formulaire de son site ;",
  "a11y.remedyDelegate": "contacter le délégué du {defender} dans votre région ;",
  "a11y.remedyPhone": "appeler le 09 69 39 00 00 ;",
  "a11y.remedyMail":
    "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : {defender}, Libre réponse 71120, 75342 Paris CEDEX 07.",
};
