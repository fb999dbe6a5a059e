// A person's avatar (docs/decisions/0039-avatars.md): their uploaded picture when the viewer may see it
// (the loader gives its URL, or null), else their initials. Always next to their name, so decorative:
// `alt=""` on the picture, `aria-hidden` on the initials — the name says who it is.
import { initials } from "~/models/profile.ts";

const PIXELS = { inline: 24, small: 32, large: 64 } as const;

export function Avatar(props: { name: string; avatarUrl?: string | null; size?: keyof typeof PIXELS }) {
  const size = props.size ?? "small";
  const className = `avatar avatar--${size}`;
  if (props.avatarUrl)
    return <img className={className} src={props.avatarUrl} alt="" width={PIXELS[size]} height={PIXELS[size]} />;
  return (
    <span className={className} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}

/** Next to a name in a line of text: the picture if there is one the viewer may see, nothing otherwise. */
export function InlineAvatar(props: { avatarUrl: string | null }) {
  return inlineAvatar(props.avatarUrl);
}

/** InlineAvatar without a component around it: for a thread's many comments (docs/decisions/0061). */
export function inlineAvatar(avatarUrl: string | null | undefined) {
  if (!avatarUrl) return null;
  return (
    <img
      className="avatar avatar--inline"
      src={avatarUrl}
      alt=""
      width={PIXELS.inline}
      height={PIXELS.inline}
      loading="lazy"
      data-testid="inline-avatar"
    />
  );
}
