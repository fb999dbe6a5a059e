import { expect, test } from "vitest";
import { translator } from "~/lib/i18n.server.ts";
import { AUDIT_ACTIONS } from "./audit.ts";
import { auditSentence } from "./audit-sentence.ts";

const fr = translator("fr");
const en = translator("en");

test("a stage move reads as a sentence naming both stages, with its note apart", () => {
  const entry = { action: "idea.stage", before: { stage: "PROPOSED" }, after: { stage: "REJECTED", note: "Doublon." } };
  expect(auditSentence(fr, entry)).toEqual({
    text: "Étape passée de « Proposée » à « Non retenue ».",
    note: "Doublon.",
    quoted: null,
  });
  expect(auditSentence(en, entry).text).toMatch(/^Stage moved from “.+” to “.+”\.$/);
});

test("counts, choices and versions are read from the snapshots", () => {
  expect(auditSentence(fr, { action: "user.sessions.end", before: { sessions: 3 }, after: { sessions: 0 } }).text).toBe(
    "3 sessions fermées.",
  );
  expect(
    auditSentence(en, { action: "challenge.participation", before: {}, after: { participationOpen: false } }).text,
  ).toBe("The challenge's votes and comments closed.");
  expect(
    auditSentence(fr, {
      action: "space.commitments",
      before: null,
      after: { answerWithinDays: 10, reviewWithinDays: null },
    }).text,
  ).toBe("Engagements de délai : première réponse sous 10 jours, étude sans engagement.");
  expect(auditSentence(en, { action: "terms.publish", before: null, after: { version: 4 } }).text).toBe(
    "Supplier terms published (version 4).",
  );
  expect(
    auditSentence(fr, {
      action: "evaluation.submit",
      before: null,
      after: { impact: 4, feasibility: 3, cost: 2, alignment: 5 },
    }).text,
  ).toBe("Évaluation enregistrée : impact 4/5, faisabilité 3/5, coût 2/5, alignement 5/5.");
});

test("every action has a sentence in both languages, even with empty or odd snapshots; never JSON", () => {
  for (const action of AUDIT_ACTIONS) {
    for (const snapshot of [null, {}, [], "x", { stage: 42, sessions: "many" }]) {
      for (const t of [fr, en]) {
        const { text } = auditSentence(t, { action, before: snapshot, after: snapshot });
        expect(text, action).not.toMatch(/audit\.says|[{}]|undefined|NaN/);
        expect(text.length, action).toBeGreaterThan(5);
      }
    }
  }
  expect(auditSentence(fr, { action: "nope", before: null, after: null })).toEqual({
    text: "Action non reconnue.",
    note: null,
    quoted: null,
  });
});

test("a KPI's name is the quoted user text, and can be put in place by the page", () => {
  const entry = { action: "pilot.kpi.add", before: null, after: { name: "Délai moyen", unit: "jours" } };
  expect(auditSentence(en, entry).quoted).toBe("Délai moyen");
  const { text } = auditSentence(en, entry, { quote: "\u0001" });
  expect(text).toContain("\u0001");
  expect(text).not.toContain("Délai moyen");
  expect(auditSentence(en, entry).text).toBe(text.replace("\u0001", "Délai moyen"));
  expect(auditSentence(en, { action: "pilot.kpi.add", before: null, after: {} }).quoted).toBeNull();
});
