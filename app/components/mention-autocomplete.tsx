// The @mention autocomplete (docs/decisions/0031-mentions-following-profiles.md), attached to a form's
// textarea by its id. The ARIA 1.2 combobox pattern as it applies to a multi-line text box: the
// textarea keeps its role and gets aria-autocomplete="list", aria-controls (the listbox) and
// aria-activedescendant (the option under the arrows); a polite live region says how many people are
// proposed. ArrowDown/ArrowUp move, Enter or Tab choose, Escape closes; a click chooses too. The chosen
// person is written as a token, `[@Name](/personnes/id)`. Without JavaScript nothing is attached:
// typing "@Exact Name" still works, the server links it when it names exactly one person.
import { useEffect, useRef, useState } from "react";
import { useT } from "~/lib/i18n-react.ts";
import { mentionQueryAt, mentionToken } from "~/lib/mentions.ts";

type Person = { id: string; displayName: string };
type Open = { from: number; caret: number; people: Person[]; active: number };

const DEBOUNCE_MS = 150;

export function MentionAutocomplete(props: { fieldId: string; place: { idee?: string; espace?: string } }) {
  const t = useT();
  const [open, setOpen] = useState<Open | null>(null);
  const latest = useRef(open);
  useEffect(() => {
    latest.current = open;
  }, [open]);
  const listId = `${props.fieldId}-mentions`;
  const placeKey = props.place.idee ? `idee=${props.place.idee}` : `espace=${props.place.espace ?? ""}`;

  useEffect(() => {
    const box = document.getElementById(props.fieldId);
    if (!(box instanceof HTMLTextAreaElement)) return;
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", listId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const close = () => setOpen(null);

    const lookup = () => {
      const caret = box.selectionStart ?? box.value.length;
      const found = box.selectionStart === box.selectionEnd ? mentionQueryAt(box.value, caret) : null;
      if (!found || found.query.trim().length === 0) return close();
      const ask = ++asked;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const response = await fetch(`/api/personnes?${placeKey}&q=${encodeURIComponent(found.query)}`, {
            headers: { Accept: "application/json" },
          });
          if (!response.ok || ask !== asked) return;
          const { people } = (await response.json()) as { people: Person[] };
          setOpen({ from: found.from, caret, people, active: 0 });
        } catch {
          close(); // offline: typing "@Name" still works when the form is sent
        }
      }, DEBOUNCE_MS);
    };

    const choose = (person: Person) => {
      const state = latest.current;
      if (!state) return;
      const token = `${mentionToken(person)} `;
      box.setRangeText(token, state.from, state.caret, "end");
      // The form library listens to input events: tell it the value changed.
      box.dispatchEvent(new Event("input", { bubbles: true }));
      close();
      box.focus();
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const state = latest.current;
      if (!state || state.people.length === 0) {
        if (state && event.key === "Escape") close();
        return;
      }
      const count = state.people.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setOpen({ ...state, active: (state.active + step + count) % count });
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(state.people[state.active]!);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    };
    const onChoose = (event: Event) => choose((event as CustomEvent<Person>).detail);

    box.addEventListener("input", lookup);
    box.addEventListener("click", lookup);
    box.addEventListener("keydown", onKeyDown);
    box.addEventListener("blur", close);
    box.addEventListener("mention:choose", onChoose);
    return () => {
      clearTimeout(timer);
      box.removeEventListener("input", lookup);
      box.removeEventListener("click", lookup);
      box.removeEventListener("keydown", onKeyDown);
      box.removeEventListener("blur", close);
      box.removeEventListener("mention:choose", onChoose);
      box.removeAttribute("aria-activedescendant");
    };
  }, [props.fieldId, listId, placeKey]);

  // The option under the arrows is the text box's active descendant.
  useEffect(() => {
    const box = document.getElementById(props.fieldId);
    if (!box) return;
    if (open && open.people.length > 0) box.setAttribute("aria-activedescendant", `${listId}-${open.active}`);
    else box.removeAttribute("aria-activedescendant");
  }, [open, props.fieldId, listId]);

  const pick = (person: Person) =>
    document.getElementById(props.fieldId)?.dispatchEvent(new CustomEvent("mention:choose", { detail: person }));

  return (
    <div className="mention-autocomplete">
      <ul role="listbox" id={listId} aria-label={t("mention.suggestions")} hidden={!open || open.people.length === 0}>
        {open?.people.map((person, i) => (
          <li
            key={person.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === open.active}
            // mousedown, not click: the text box must not lose focus (and close the list) first.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            {person.displayName}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {open ? t("mention.count", { count: open.people.length }) : ""}
      </p>
    </div>
  );
}
