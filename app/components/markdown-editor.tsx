// The markdown editor (docs/decisions/0030-attachments-and-editor.md): the plain labelled textarea, a
// formatting toolbar once JavaScript runs (ARIA toolbar: one tab stop, arrow keys between buttons), and a
// "Prévisualiser" button. The preview is always rendered by the server, by the very function the page
// uses: with JavaScript through /apercu, without it by submitting the form with `intent=preview`, which
// answers the same page with the preview and the text kept.
import type { FieldMetadata } from "@conform-to/react";
import { useRef, useState, type KeyboardEvent } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { applyFormat, type MarkdownFormat } from "~/lib/markdown-format.ts";
import { useHydrated } from "~/lib/use-hydrated.ts";
import { Field } from "./form.tsx";
import { Markdown } from "./markdown.tsx";

export type EditorImage = { id: string; name: string };

const FORMATS: { format: MarkdownFormat; label: Parameters<ReturnType<typeof useT>>[0]; text: string }[] = [
  { format: "bold", label: "editor.bold", text: "B" },
  { format: "italic", label: "editor.italic", text: "I" },
  { format: "heading", label: "editor.heading", text: "H" },
  { format: "list", label: "editor.list", text: "•" },
  { format: "link", label: "editor.link", text: "🔗" },
  { format: "quote", label: "editor.quote", text: "❝" },
];

export function MarkdownEditor(props: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  rows?: number;
  /** What the preview renders the text as. */
  kind: "idee" | "commentaire";
  /** The server's preview after a no-JavaScript `intent=preview` submission. */
  previewHtml?: string | null;
  /** The idea's images, offered by the toolbar. */
  images?: EditorImage[];
  /** The language the text is written in (its preview carries it, docs/decisions/0029). */
  lang?: string;
  /** Where the text is written: the preview resolves its @mentions there, as saving will. */
  place?: { idee?: string; espace?: string };
}) {
  const t = useT();
  const hydrated = useHydrated();
  const [preview, setPreview] = useState<string | null>(props.previewHtml ?? null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);
  const textareaId = props.field.id;
  const previewId = `${textareaId}-preview`;
  const textarea = () => document.getElementById(textareaId) as HTMLTextAreaElement | null;
  const [imageId, setImageId] = useState(props.images?.[0]?.id ?? "");
  // Translated while rendering, not in the click handler: so the server inlines them with the page's
  // messages (docs/decisions/0046-messages-a-page-uses.md) and a first click never inserts an empty text.
  const placeholders = { link: t("editor.linkText"), emphasis: t("editor.emphasis") };
  // The toolbar and the preview appear only once JavaScript runs, yet their texts are translated on the
  // server too: else they were not inlined, and the buttons had empty names until the language's chunk came.
  const labels = {
    toolbar: t("editor.toolbar"),
    image: t("editor.image"),
    formats: FORMATS.map((f) => t(f.label)),
    previewTitle: t("editor.previewTitle"),
    previewEmpty: t("editor.previewEmpty"),
    previewFailed: t("editor.previewFailed"),
    backToWriting: t("editor.backToWriting"),
  };

  const format = (what: MarkdownFormat, image?: EditorImage) => {
    const element = textarea();
    if (!element) return;
    const next = applyFormat({ text: element.value, start: element.selectionStart, end: element.selectionEnd }, what, {
      placeholder: what === "link" ? placeholders.link : placeholders.emphasis,
      image,
    });
    element.focus();
    element.value = next.text;
    element.setSelectionRange(next.start, next.end);
    // conform and the mention box listen for input events.
    element.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const showPreview = async () => {
    const element = textarea();
    if (!element) return;
    setBusy(true);
    setFailed(false);
    try {
      const body = new FormData();
      body.set("texte", element.value);
      body.set("pour", props.kind);
      if (props.place?.idee) body.set("idee", props.place.idee);
      if (props.place?.espace) body.set("espace", props.place.espace);
      const response = await fetch("/apercu", { method: "POST", body });
      if (!response.ok) throw new Error(`preview: ${response.status}`);
      const answer = (await response.json()) as { html?: string };
      setPreview(answer.html ?? "");
    } catch {
      // Offline, refused (rate limit) or an error page: the text stays as written, and the person is told.
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  // ARIA toolbar: arrows move between the controls, Home/End to the ends.
  const onToolbarKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const controls = [...(toolbar.current?.querySelectorAll<HTMLElement>("button, select") ?? [])];
    const at = controls.indexOf(document.activeElement as HTMLElement);
    if (at < 0 || document.activeElement?.tagName === "SELECT") return;
    const to =
      event.key === "ArrowRight"
        ? (at + 1) % controls.length
        : event.key === "ArrowLeft"
          ? (at - 1 + controls.length) % controls.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? controls.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    controls.forEach((c, i) => (c.tabIndex = i === to ? 0 : -1));
    controls[to]?.focus();
  };

  const image = props.images?.find((i) => i.id === imageId);
  return (
    <div className="markdown-editor">
      {hydrated ? (
        <div
          ref={toolbar}
          role="toolbar"
          aria-label={labels.toolbar}
          aria-controls={textareaId}
          className="markdown-toolbar"
          onKeyDown={onToolbarKey}
        >
          {FORMATS.map((f, i) => (
            <button
              key={f.format}
              type="button"
              tabIndex={i === 0 ? 0 : -1}
              aria-label={labels.formats[i]}
              title={labels.formats[i]}
              onClick={() => format(f.format)}
            >
              <span aria-hidden="true">{f.text}</span>
            </button>
          ))}
          {props.images && props.images.length > 0 ? (
            <>
              <select
                aria-label={labels.image}
                value={imageId}
                tabIndex={-1}
                onChange={(event) => setImageId(event.currentTarget.value)}
              >
                {props.images.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
              <button type="button" tabIndex={-1} onClick={() => image && format("image", image)}>
                {labels.image}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      <div hidden={hydrated && preview !== null}>
        <Field
          field={props.field}
          label={props.label}
          hint={props.hint}
          multiline
          rows={props.rows}
          lang={props.lang}
        />
      </div>
      {preview !== null ? (
        <section id={previewId} className="markdown-preview" aria-label={labels.previewTitle} aria-live="polite">
          {/* Not a heading: the preview sits under headings of varying levels (an h1 form, an h2 thread). */}
          <p className="markdown-preview__title">
            <strong>{labels.previewTitle}</strong>
          </p>
          {preview ? <Markdown html={preview} lang={props.lang} /> : <p className="muted">{labels.previewEmpty}</p>}
        </section>
      ) : null}
      {failed ? (
        <p className="field-error" role="alert">
          {labels.previewFailed}
        </p>
      ) : null}
      <div className="markdown-editor__tabs">
        {hydrated && preview !== null ? (
          <button
            type="button"
            className="button--secondary"
            onClick={() => {
              setPreview(null);
              requestAnimationFrame(() => textarea()?.focus());
            }}
          >
            {labels.backToWriting}
          </button>
        ) : (
          <button
            type="submit"
            name="intent"
            value="preview"
            formNoValidate
            className="button--secondary"
            aria-busy={busy}
            data-testid="preview-button"
            onClick={(event) => {
              if (!hydrated) return;
              event.preventDefault();
              void showPreview();
            }}
          >
            {t("editor.preview")}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The form's default button, first in the form: pressing Enter in a one-line field submits the form's
 * own action (publish, save), never the "Prévisualiser" button that comes earlier than the visible
 * submit button (HTML implicit submission uses the first submit button). Out of sight and of the tab
 * order; screen readers reach the visible button, which does the same.
 */
export function DefaultSubmit(props: { label: string }) {
  return (
    <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="default-submit">
      {props.label}
    </button>
  );
}
