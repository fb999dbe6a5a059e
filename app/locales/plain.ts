/**
 * A message with no ICU syntax at all (no argument, no quoting apostrophes): it is its own text, so it
 * is neither parsed nor compiled, on the server or in the browser (scripts/lib/precompile-messages.ts).
 */
export function isPlainMessage(message: string): boolean {
  return !/[{}]|''/.test(message);
}
