// The shape every submitted form must have before anything parses it
// (docs/decisions/0020-form-bounds-and-idempotency.md). conform's parser turns field names into paths:
// `tags[4294967294]` builds a sparse array of four billion slots, 50,000 copies of one name cost time
// in the square of their number, and a name of 50,000 dots recurses 50,000 levels. The app's own forms
// use a few dozen flat names at most, so anything beyond these bounds is not a form of ours.

export const FORM_LIMITS = {
  /** Entries in one submission (the largest form, the pilot record, has about twenty). */
  fields: 200,
  /** Copies of one name (a group of checkboxes would send several). */
  repeats: 20,
  /** Characters in one name. */
  nameLength: 100,
  /** Segments of a dotted name (`a.b.c.d`). */
  depth: 4,
} as const;

// A segment: letters, digits, "_" and "-", optionally followed by list indexes from [0] to [99].
const SEGMENT = "[A-Za-z0-9_-]+(?:\\[(?:[0-9]|[1-9][0-9])\\])*";
const NAME = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT}){0,${FORM_LIMITS.depth - 1}}$`);

/** Whether a field name is one a form of ours could send. */
export const isSafeFieldName = (name: string) => name.length <= FORM_LIMITS.nameLength && NAME.test(name);

export type FormShapeProblem = { status: 400 | 413; message: string };

/** What is wrong with a submission's names, or null when it is within the bounds. */
export function formShapeProblem(names: readonly string[]): FormShapeProblem | null {
  if (names.length > FORM_LIMITS.fields)
    return { status: 413, message: `Too many form fields: at most ${FORM_LIMITS.fields} are accepted.` };
  const counts = new Map<string, number>();
  for (const name of names) {
    if (!isSafeFieldName(name))
      return {
        status: 400,
        message: `Form field name refused: names are at most ${FORM_LIMITS.nameLength} letters, digits, "-", "_", with at most ${FORM_LIMITS.depth} dotted parts and list indexes [0] to [99].`,
      };
    const count = (counts.get(name) ?? 0) + 1;
    if (count > FORM_LIMITS.repeats)
      return { status: 400, message: `Form field repeated too often: at most ${FORM_LIMITS.repeats} times.` };
    counts.set(name, count);
  }
  return null;
}
