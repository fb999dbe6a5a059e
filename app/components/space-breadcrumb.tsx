import { Link } from "@remix-run/react";
import { useLocale } from "~/lib/i18n-react.ts";

type NamedSpace = { slug: string; nameFr: string; nameEn: string };

/** A space's name in the interface language. */
export function useSpaceName(space: NamedSpace): string {
  return useLocale() === "fr" ? space.nameFr : space.nameEn;
}

/** The way back to a space from one of its sub-pages (new challenge, new hackathon, commitments). */
export function SpaceBreadcrumb({ space }: { space: NamedSpace }) {
  return (
    <p className="breadcrumb">
      <Link to={`/espaces/${space.slug}`}>{useSpaceName(space)}</Link>
    </p>
  );
}
