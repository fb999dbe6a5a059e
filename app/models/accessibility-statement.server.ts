// The accessibility statement's text (RGAA 4.1 model: état de conformité, résultats, contenus non
// accessibles, établissement, technologies, environnement de test, retour d'information, voies de
// recours), in both languages. Its page's loader sends the reader's language only: the statement is
// long prose that every other page would otherwise carry in its catalogue (the list page's JavaScript
// budget, tests/weight.test.ts). "{defender}" marks where the Défenseur des droits is named.
import type { Locale } from "~/lib/i18n.ts";

const fr = {
  intro:
    "L'équipe Idées s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique au site Idées (InnovAction et Emploi Store Idées).",
  statusTitle: "État de conformité",
  status:
    "Le site Idées est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités et des limites énumérées ci-dessous.",
  resultsTitle: "Résultats des tests",
  results:
    "Aucun audit RGAA complet n'a encore été réalisé par un organisme indépendant : le taux de conformité aux critères du RGAA n'est donc pas encore mesuré. À chaque modification du site, un test automatique visite toutes les pages accessibles par les liens, pour chaque rôle (visiteur, public, agent, fournisseur, modérateur, manager, administrateur), en français et en anglais, sur téléphone (390 × 844) et sur ordinateur (1280 × 900) : aucune page ne défile horizontalement et l'outil axe-core n'y relève aucune erreur des niveaux A et AA des WCAG 2.1 et 2.2.",
  nonAccessibleTitle: "Contenus non accessibles",
  nonCompliantTitle: "Non-conformités",
  nonCompliant1:
    "Les graphiques de la page des indicateurs sont des images vectorielles : leurs valeurs sont reprises dans des tableaux, mais la relation entre un graphique et son tableau n'a pas été vérifiée avec un lecteur d'écran.",
  nonCompliant2:
    "La restitution par les lecteurs d'écran (NVDA, JAWS, VoiceOver, TalkBack) n'a pas encore été testée manuellement ; les mises à jour en direct sont annoncées par une zone de message polie, sans garantie de restitution identique partout.",
  nonCompliant3:
    "Les tests manuels des critères non vérifiables automatiquement (pertinence des alternatives, ordre de lecture, compréhension des messages d'erreur) restent à faire.",
  derogationsTitle: "Dérogations pour charge disproportionnée",
  derogations: "Aucune.",
  exemptTitle: "Contenus non soumis à l'obligation d'accessibilité",
  exempt:
    "Les idées, commentaires et défis rédigés par les utilisateurs (ils sont marqués de la langue dans laquelle ils ont été écrits), et les fichiers de données ouvertes (CSV et JSON), destinés à être réutilisés par des programmes.",
  establishedTitle: "Établissement de cette déclaration",
  established: "Cette déclaration a été établie le 7 décembre 2026, sur la base d'une auto-évaluation.",
  technologiesTitle: "Technologies utilisées pour la réalisation du site",
  technologies: "HTML5, CSS, JavaScript, WAI-ARIA, SVG. Le site fonctionne aussi sans JavaScript.",
  environmentTitle: "Environnement de test",
  environment:
    "Navigateur Chromium (Debian) piloté par Playwright, avec axe-core, sur Linux ; parcours au clavier seul dans les tests de navigateur. Les combinaisons avec lecteur d'écran (NVDA et Firefox, JAWS et Chrome, VoiceOver et Safari) restent à tester.",
  toolsTitle: "Outils pour évaluer l'accessibilité",
  tools: "axe-core (règles WCAG 2.0, 2.1 et 2.2, niveaux A et AA), Playwright, contrôle des défilements horizontaux.",
  pagesTitle: "Pages du site ayant fait l'objet de la vérification",
  pages:
    "Toutes les pages accessibles par un lien depuis l'accueil, pour chaque rôle : accueil, espaces et listes d'idées, pages d'idées, défis, recherche, idées en production, connexion et création de compte, compte, notifications, pilotage et indicateurs, modération, administration, cette déclaration.",
  feedbackTitle: "Retour d'information et contact",
  feedback:
    "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l'équipe Idées, par l'administrateur de votre espace, pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.",
  remedyTitle: "Voies de recours",
  remedy:
    "Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au {defender}. Plusieurs moyens sont à votre disposition :",
  remedyForm: "écrire un message au {defender}, par le formulaire de son site ;",
  remedyDelegate: "contacter le délégué du {defender} dans votre région ;",
  remedyPhone: "appeler le 09 69 39 00 00 ;",
  remedyMail:
    "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : {defender}, Libre réponse 71120, 75342 Paris CEDEX 07.",
};

const en: Record<keyof typeof fr, string> = {
  intro:
    "The Idées team is committed to making its service accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005. This accessibility statement applies to the Idées site (InnovAction and Emploi Store Idées).",
  statusTitle: "Compliance status",
  status:
    "The Idées site is partially compliant with the French accessibility framework (RGAA), version 4.1, because of the non-compliances and limits listed below.",
  resultsTitle: "Test results",
  results:
    "No full RGAA audit has been carried out by an independent body yet, so the rate of compliance with the RGAA criteria is not measured yet. With every change to the site, an automated test visits every page reachable through links, for each role (visitor, public, staff, supplier, moderator, manager, administrator), in French and in English, on a phone (390 × 844) and on a desktop (1280 × 900): no page scrolls sideways and axe-core reports no WCAG 2.1 or 2.2 level A or AA error.",
  nonAccessibleTitle: "Non-accessible content",
  nonCompliantTitle: "Non-compliances",
  nonCompliant1:
    "The charts of the indicators page are vector images: their values are repeated in tables, but how a chart relates to its table has not been checked with a screen reader.",
  nonCompliant2:
    "Screen readers (NVDA, JAWS, VoiceOver, TalkBack) have not been tested by hand yet; live updates are announced through a polite message region, with no guarantee that every reader says them the same way.",
  nonCompliant3:
    "Manual tests of the criteria that cannot be checked automatically (relevance of text alternatives, reading order, understanding of error messages) remain to be done.",
  derogationsTitle: "Exemptions for disproportionate burden",
  derogations: "None.",
  exemptTitle: "Content not subject to the accessibility obligation",
  exempt:
    "Ideas, comments and challenges written by users (they are marked with the language they were written in), and the open-data files (CSV and JSON), meant to be reused by programs.",
  establishedTitle: "Preparation of this statement",
  established: "This statement was prepared on 7 December 2026, based on a self-assessment.",
  technologiesTitle: "Technologies used to build the site",
  technologies: "HTML5, CSS, JavaScript, WAI-ARIA, SVG. The site also works without JavaScript.",
  environmentTitle: "Test environment",
  environment:
    "Chromium (Debian) driven by Playwright, with axe-core, on Linux; keyboard-only journeys in the browser tests. Screen reader combinations (NVDA with Firefox, JAWS with Chrome, VoiceOver with Safari) remain to be tested.",
  toolsTitle: "Tools used to assess accessibility",
  tools: "axe-core (WCAG 2.0, 2.1 and 2.2 rules, levels A and AA), Playwright, a check for sideways scrolling.",
  pagesTitle: "Pages of the site that were checked",
  pages:
    "Every page reachable through a link from the home page, for each role: home, spaces and idea lists, idea pages, challenges, search, ideas in production, sign-in and sign-up, account, notifications, management board and indicators, moderation, administration, this statement.",
  feedbackTitle: "Feedback and contact",
  feedback:
    "If you cannot access some content or a service, you may contact the Idées team, through your space's administrator, to be directed to an accessible alternative or to get the content in another form.",
  remedyTitle: "Remedies",
  remedy:
    "If you find an accessibility defect that prevents you from accessing content or a feature of the site, report it to us, and do not get an answer from us, you are entitled to send your complaint or a request for referral to the {defender} (the French Rights Defender). Several means are available to you:",
  remedyForm: "write a message to the {defender}, through the form on its site;",
  remedyDelegate: "contact the delegate of the {defender} in your region;",
  remedyPhone: "call +33 9 69 39 00 00;",
  remedyMail:
    "send a letter by post (free of charge, no stamp needed): {defender}, Libre réponse 71120, 75342 Paris CEDEX 07, France.",
};

export type AccessibilityStatement = typeof fr;

export const accessibilityStatement = (locale: Locale): AccessibilityStatement => (locale === "en" ? en : fr);
