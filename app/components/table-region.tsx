import type { ReactNode } from "react";

/**
 * A table that may be wider than a phone: a focusable scroll region (keyboard users can scroll it,
 * axe `scrollable-region-focusable`) named like the table's caption, so the page itself never
 * scrolls sideways.
 */
export function TableRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // A scroll region must be reachable by keyboard to be scrolled (WCAG 2.1.1); eslint.config.js allows
    // tabIndex on role="region" for this.
    <div className={className ? `table-wrap ${className}` : "table-wrap"} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
