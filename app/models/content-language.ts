// The language a piece of user text is stored with (docs/decisions/0029, 0037): the writer's interface
// language when the text is written. Pure, shared by every model that stores free text.

/**
 * After a form that rewrites a row's text: the writer's language when the text is new or changed, the
 * stored one when the write left the text as it was (a KPI whose measured value alone was recorded by a
 * manager reading the page in the other language keeps the language its name is written in).
 */
export function languageAfterWrite(options: {
  before: { text: readonly unknown[]; language: string } | null;
  text: readonly unknown[];
  writer: string;
}): string {
  const { before, text, writer } = options;
  if (!before) return writer;
  return JSON.stringify(before.text) === JSON.stringify(text) ? before.language : writer;
}

/** A row's snapshot for the audit log without its `language` (kept in the entry's own column). */
export function withoutLanguage<T extends { language: string }>(row: T): Omit<T, "language"> {
  const { language: _, ...rest } = row;
  return rest;
}
