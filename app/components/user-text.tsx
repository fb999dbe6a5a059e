const MARK = "\u0001";

/**
 * An interface sentence with user content inside it ("Sur « {title} »"): the content is wrapped in a
 * span carrying the language it was written in (docs/decisions/0029), the sentence keeps the page's.
 * A sentence that does not name the content (some notifications) is shown alone.
 */
export function WithUserText(props: { text: (placeholder: string) => string; value: string; lang: string }) {
  const sentence = props.text(MARK);
  if (!sentence.includes(MARK)) return <>{sentence}</>;
  const [before = "", after = ""] = sentence.split(MARK);
  return (
    <>
      {before}
      <span lang={props.lang}>{props.value}</span>
      {after}
    </>
  );
}
