import { expect, test } from "vitest";
import { ChallengeFormSchema } from "~/models/challenge.ts";
import { IdeaFormSchema } from "~/models/idea.ts";
import { KpiFormSchema } from "~/models/pilot.ts";
import { SignUpSchema } from "~/models/user.ts";
import { translator } from "./i18n.server.ts";
import { parseMessage, safeRedirect } from "./validation.ts";

const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), parseMessage(i.message).key]));

test("an idea needs a title of 8 to 140 characters and a body", () => {
  expect(errorsOf(IdeaFormSchema.safeParse({ title: "Court", body: "Une description suffisante." }))).toEqual({
    title: "form.tooShort",
  });
  expect(errorsOf(IdeaFormSchema.safeParse({ title: "x".repeat(141), body: "Une description suffisante." }))).toEqual({
    title: "form.tooLong",
  });
  expect(errorsOf(IdeaFormSchema.safeParse({ title: "Un titre correct", body: "" }))).toEqual({
    body: "form.required",
  });
  expect(errorsOf(IdeaFormSchema.safeParse({ title: "Un titre correct", body: "x".repeat(20_001) }))).toEqual({
    body: "form.tooLong",
  });
  expect(errorsOf(IdeaFormSchema.safeParse({}))).toEqual({ title: "form.required", body: "form.required" });
});

test("titles are single-line and control characters are refused", () => {
  const ok = IdeaFormSchema.parse({ title: "  Un   titre\tcorrect  ", body: "Une description\r\nsur deux lignes." });
  expect(ok.title).toBe("Un titre correct");
  expect(ok.body).toBe("Une description\nsur deux lignes.");
  expect(
    errorsOf(IdeaFormSchema.safeParse({ title: "Un titre \u0000 nul", body: "Une description suffisante." })),
  ).toEqual({
    title: "form.controlChars",
  });
  expect(errorsOf(IdeaFormSchema.safeParse({ title: "Un titre correct", body: "bip \u0007 bip bip" }))).toEqual({
    body: "form.controlChars",
  });
});

test("tags are normalised, deduplicated and limited to five", () => {
  expect(
    IdeaFormSchema.parse({
      title: "Un titre correct",
      body: "Une description suffisante.",
      tags: " Accueil, numérique ,accueil,,",
    }).tags,
  ).toEqual(["accueil", "numérique"]);
  expect(
    errorsOf(
      IdeaFormSchema.safeParse({
        title: "Un titre correct",
        body: "Une description suffisante.",
        tags: "a,b2,c3,d4,e5,f6",
      }),
    ),
  ).toMatchObject({
    tags: expect.any(String),
  });
  expect(
    errorsOf(
      IdeaFormSchema.safeParse({
        title: "Un titre correct",
        body: "Une description suffisante.",
        tags: "aa,bb,cc,dd,ee,ff",
      }),
    ),
  ).toEqual({
    tags: "form.tooManyTags",
  });
  expect(
    errorsOf(
      IdeaFormSchema.safeParse({ title: "Un titre correct", body: "Une description suffisante.", tags: "<script>" }),
    ),
  ).toEqual({
    "tags.0": "form.invalidTag",
  });
});

test("sign-up validates email, name and password length, and trips the honeypot", () => {
  expect(
    errorsOf(SignUpSchema.safeParse({ email: "pas-un-email", displayName: "Al", password: "0123456789" })),
  ).toEqual({ email: "form.invalidEmail" });
  expect(errorsOf(SignUpSchema.safeParse({ email: "a@b.fr", displayName: "A", password: "court" }))).toEqual({
    displayName: "form.tooShort",
    password: "form.tooShort",
  });
  expect(SignUpSchema.parse({ email: " Alice@Example.FR ", displayName: "Alice", password: "0123456789" }).email).toBe(
    "alice@example.fr",
  );
  expect(
    errorsOf(
      SignUpSchema.safeParse({ email: "a@b.fr", displayName: "Alice", password: "0123456789", website: "spam" }),
    ),
  ).toEqual({
    website: "form.honeypot",
  });
});

test("redirects after sign-in stay on this site", () => {
  expect(safeRedirect("/idees/abc")).toBe("/idees/abc");
  expect(safeRedirect("//evil.example")).toBe("/");
  expect(safeRedirect("/\\evil.example")).toBe("/");
  expect(safeRedirect("https://evil.example")).toBe("/");
  expect(safeRedirect(null)).toBe("/");
  expect(safeRedirect("/\t/evil.example")).toBe("/");
  expect(safeRedirect("/\n/evil.example")).toBe("/");
  expect(safeRedirect("idees/abc")).toBe("/");
  expect(safeRedirect("/x".repeat(300))).toBe("/");
  // Non-ASCII is percent-encoded (a Location header carries bytes, and Headers refuses œ or €).
  expect(safeRedirect("/idées?q=œuvre&prix=5€#fin")).toBe("/id%C3%A9es?q=%C5%93uvre&prix=5%E2%82%AC#fin");
  expect(() => new Headers({ Location: safeRedirect("/recherche?q=cœur €") })).not.toThrow();
  // Already-encoded paths stay as they are; "/.." cannot climb above the site.
  expect(safeRedirect("/id%C3%A9es/abc?x=%2F")).toBe("/id%C3%A9es/abc?x=%2F");
  expect(safeRedirect("/../../etc")).toBe("/etc");
});

test("record ids and query-string text are made safe before any query", async () => {
  const { recordId, queryText } = await import("./validation.ts");
  expect(recordId().safeParse("ipqrgedo6zvicmff4ghfs7bx").success).toBe(true);
  expect(recordId().safeParse("space-innovaction").success).toBe(true);
  for (const bad of ["", "a\u0000b", "a b", "../x", "x".repeat(65), "é"])
    expect(recordId().safeParse(bad).success, bad).toBe(false);
  expect(queryText("  mobilité\u0000 \t douce\u007f ")).toBe("mobilité douce");
  expect(queryText("x".repeat(500))).toHaveLength(100);
  expect(queryText(null)).toBe("");
});

test("nobody signs up under the name deleted people's contributions are signed with", () => {
  const base = { email: "a@example.test", password: "0123456789ab" };
  for (const displayName of ["Utilisateur supprimé", "  utilisateur SUPPRIMÉ "]) {
    expect(errorsOf(SignUpSchema.safeParse({ ...base, displayName }))).toEqual({ displayName: "auth.reservedName" });
  }
  expect(SignUpSchema.safeParse({ ...base, displayName: "Utilisatrice active" }).success).toBe(true);
});

test("a field of spaces only is 'required', in the form's language, not zod's English", async () => {
  const { parseWithZod } = await import("@conform-to/zod/v4");
  const formData = new FormData();
  formData.set("title", "   ");
  formData.set("body", "Un texte assez long pour être accepté.");
  const reply = parseWithZod(formData, { schema: IdeaFormSchema }).reply();
  expect(reply.error).toEqual({ title: ["form.required"] });
});

test("titles and names made only of invisible characters are refused, with their own message", () => {
  const body = "Une description suffisante.";
  const blanks = [
    "\u200b".repeat(10), // zero-width space
    "\u3164".repeat(10), // Hangul filler
    "\u115f\u1160".repeat(5), // Hangul choseong / jungseong fillers
    "\uffa0".repeat(10), // halfwidth Hangul filler
    "\u2800".repeat(10), // Braille blank
    "\u200c\u200d\u2060\ufeff".repeat(3), // joiners, word joiner, BOM
    " \u3164 \u200b \u2800 \u00a0 ",
  ];
  for (const title of blanks) {
    expect(errorsOf(IdeaFormSchema.safeParse({ title, body })), JSON.stringify(title)).toEqual({
      title: "form.invisibleOnly",
    });
  }
  for (const displayName of ["\u3164\u3164", "\u2800\u2800\u2800", "\u200b\u200b"]) {
    expect(
      errorsOf(SignUpSchema.safeParse({ email: "a@example.test", displayName, password: "un-mot-de-passe-long" })),
    ).toEqual({ displayName: "form.invisibleOnly" });
  }
  expect(errorsOf(ChallengeFormSchema.safeParse({ title: "\u3164".repeat(12) }))).toMatchObject({
    title: "form.invisibleOnly",
  });
  expect(errorsOf(KpiFormSchema.safeParse({ name: "\u2800\u2800" }))).toMatchObject({
    name: "form.invisibleOnly",
  });
  // Invisible characters do not count towards the minimum length.
  expect(errorsOf(IdeaFormSchema.safeParse({ title: `ab${"\u200b".repeat(10)}`, body }))).toEqual({
    title: "form.tooShort",
  });
  // Emoji sequences (zero-width joiners) in real text are fine.
  expect(IdeaFormSchema.parse({ title: "Familles 👨‍👩‍👧 à l'accueil !", body }).title).toBe("Familles 👨‍👩‍👧 à l'accueil !");
  expect(
    SignUpSchema.parse({ email: "a@example.test", displayName: "Zoé", password: "un-mot-de-passe-long" }).displayName,
  ).toBe("Zoé");
});

test("text-direction controls are refused in titles and names, not in bodies", () => {
  const body = "Une description suffisante.";
  const controls = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
  ];
  for (const control of controls) {
    expect(
      errorsOf(IdeaFormSchema.safeParse({ title: `Un titre ${control}gpj.exe`, body })),
      control.codePointAt(0)!.toString(16),
    ).toEqual({ title: "form.bidiControls" });
    expect(
      errorsOf(
        SignUpSchema.safeParse({
          email: "a@example.test",
          displayName: `Admin${control}`,
          password: "un-mot-de-passe-long",
        }),
      ),
    ).toEqual({ displayName: "form.bidiControls" });
  }
  // Right-to-left scripts need no control to be shown right.
  expect(
    SignUpSchema.parse({ email: "a@example.test", displayName: "سلمى بن علي", password: "un-mot-de-passe-long" })
      .displayName,
  ).toBe("سلمى بن علي");
  expect(IdeaFormSchema.parse({ title: "Un titre correct", body: `Exemple\u202e inversé` }).body).toContain("\u202e");
});

test("the messages exist in French and English", () => {
  for (const locale of ["fr", "en"] as const) {
    const t = translator(locale);
    for (const key of ["form.invisibleOnly", "form.bidiControls"] as const) expect(t(key)).not.toBe(key);
  }
});

test("a short title gets one message, not two", () => {
  const result = IdeaFormSchema.safeParse({ title: "Court", body: "Une description suffisante." });
  expect(result.error?.issues.map((i) => parseMessage(i.message).key)).toEqual(["form.tooShort"]);
});
