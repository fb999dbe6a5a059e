import type { accessibility as fr } from "../fr/accessibility.ts";

export const accessibility: Record<keyof typeof fr, string> = {
  "a11y.footer": "Accessibility: partially compliant",
  "a11y.title": "Accessibility statement",
  "a11y.intro":
    "The Idées team is committed to making its service accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005. This accessibility statement applies to the Idées site (InnovAction and Emploi Store Idées).",
  "a11y.statusTitle": "Compliance status",
  "a11y.status":
    "The Idées site is partially compliant with the French accessibility framework (RGAA), version 4.1, because of the non-compliances and limits listed below.",
  "a11y.resultsTitle": "Test results",
  "a11y.results":
    "No full RGAA audit has been carried out by an independent body yet, so the rate of compliance with the RGAA criteria is not measured yet. With every change to the site, an automated test visits every page reachable through links, for each role (visitor, public, staff, supplier, moderator, manager, administrator), in French and in English, on a phone (390 × 844) and on a desktop (1280 × 900): no page scrolls sideways and axe-core reports no WCAG 2.1 or 2.2 level A or AA error.",
  "a11y.nonAccessibleTitle": "Non-accessible content",
  "a11y.nonCompliantTitle": "Non-compliances",
  "a11y.nonCompliant1":
    "The charts of the indicators page are vector images: their values are repeated in tables, but how a chart relates to its table has not been checked with a screen reader.",
  "a11y.nonCompliant2":
    "Screen readers (NVDA, JAWS, VoiceOver, TalkBack) have not been tested by hand yet; live updates are announced through a polite message region, with no guarantee that every reader says them the same way.",
  "a11y.nonCompliant3":
    "Manual tests of the criteria that cannot be checked automatically (relevance of text alternatives, reading order, understanding of error messages) remain to be done.",
  "a11y.derogationsTitle": "Exemptions for disproportionate burden",
  "a11y.derogations": "None.",
  "a11y.exemptTitle": "Content not subject to the accessibility obligation",
  "a11y.exempt":
    "Ideas, comments and challenges written by users (they are marked with the language they were written in), and the open-data files (CSV and JSON), meant to be reused by programs.",
  "a11y.establishedTitle": "Preparation of this statement",
  "a11y.established": "This statement was prepared on 7 December 2026, based on a self-assessment.",
  "a11y.technologiesTitle": "Technologies used to build the site",
  "a11y.technologies": "HTML5, CSS, JavaScript, WAI-ARIA, SVG. The site also works without JavaScript.",
  "a11y.environmentTitle": "Test environment",
  "a11y.environment":
    "Chromium (Debian) driven by Playwright, with axe-core, on Linux; keyboard-only journeys in the browser tests. Screen reader combinations (NVDA with Firefox, JAWS with Chrome, VoiceOver with Safari) remain to be tested.",
  "a11y.toolsTitle": "Tools used to assess accessibility",
  "a11y.tools": "axe-core (WCAG 2.0, 2.1 and 2.2 rules, levels A and AA), Playwright, a check for sideways scrolling.",
  "a11y.pagesTitle": "Pages of the site that were checked",
  "a11y.pages":
    "Every page reachable through a link from the home page, for each role: home, spaces and idea lists, idea pages, challenges, search, ideas in production, sign-in and sign-up, account, notifications, management board and indicators, moderation, administration, this statement.",
  "a11y.feedbackTitle": "Feedback and contact",
  "a11y.feedback":
    "If you cannot access some content or a service, you may contact the Idées team, through your space's administrator, to be directed to an accessible alternative or to get the content in another form.",
  "a11y.remedyTitle": "Remedies",
  "a11y.remedy":
    "If you find an accessibility defect that prevents you from accessing content or a feature of the site, report it to us, and do not get an answer from us, you are entitled to send your complaint or a request for referral to the {defender} (the French Rights Defender). Several means are available to you:",
  "a11y.remedyForm": "write a message to the {defender}, through the form on its site;",
  "a11y.remedyDelegate": "contact the delegate of the {defender} in your region;",
  "a11y.remedyPhone": "call +33 9 69 39 00 00;",
  "a11y.remedyMail":
    "send a letter by post (free of charge, no stamp needed): {defender}, Libre réponse 71120, 75342 Paris CEDEX 07, France.",
};
