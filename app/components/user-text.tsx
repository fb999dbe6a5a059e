const MARK = "\u0001";

/**
 * An interface sentence with user content inside it ("Sur « {title} »"): the content is wrapped in a
 * span carrying the language it was written in (docs/decisions/0029), the sentence keeps the page's.
 */
export function WithUserText(props: { text: (placeholder: string) => string; value: string; lang: string }) {
  const [before = "", after = ""] = props.text(MARK).split(MARK);
  return (
    <>
      {before}
      <span lang={props.lang}>{props.value}</span>
      {after}
    </>
  );
}
