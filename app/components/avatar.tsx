// A person's avatar: their initials by default. `avatarUrl` is the hook for an uploaded picture (the
// upload itself belongs to the attachments work); when given, the picture is shown instead.
import { initials } from "~/models/profile.ts";

export function Avatar(props: { name: string; avatarUrl?: string | null; size?: "small" | "large" }) {
  const className = `avatar avatar--${props.size ?? "small"}`;
  if (props.avatarUrl) return <img className={className} src={props.avatarUrl} alt="" />;
  return (
    <span className={className} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}
