// A table row's one-button form (revoke a token, end a session, redeliver a webhook…): a POST with the
// page's `intent` and the row's id. The button's accessible name starts with its visible text and then
// says which row it acts on (WCAG 2.5.3), so a list of identical buttons stays tellable apart.
import { Form } from "@remix-run/react";

export function RowAction(props: {
  intent: string;
  /** The hidden field naming the row, e.g. `{ tokenId: "…" }`. */
  row: Record<string, string>;
  label: string;
  /** What a screen reader hears after the label, e.g. " — Tableau de bord". */
  context: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.row).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button--secondary">
        {props.label}
        <span className="visually-hidden">{props.context}</span>
      </button>
    </Form>
  );
}
