/**
 * Painting clauses with the CSS Custom Highlight API: one Highlight per severity, registered in the page's
 * highlight registry, styled by content/highlights.css. Nothing is inserted into the page's text, so its
 * layout, selection, find-in-page and scripts keep working. Finding where clauses are is content/anchor.js.
 */
import { HIGHLIGHT_NAMES, SEVERITIES } from "../lib/constants.js";

const supported = () => typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";

/**
 * Paint `clauses` (replacing whatever was painted before).
 * @param {{range: Range, severity: string}[]} clauses
 */
export function paint(clauses) {
  clear();
  if (!supported()) return;
  for (const [rank, severity] of SEVERITIES.entries()) {
    const ranges = clauses.filter((c) => c.severity === severity && c.range).map((c) => c.range);
    if (!ranges.length) continue;
    const highlight = new Highlight(...ranges);
    highlight.priority = SEVERITIES.length - rank; // where clauses overlap, the more severe colour wins
    CSS.highlights.set(HIGHLIGHT_NAMES[severity], highlight);
  }
}

/** Remove the clause highlights from the page (the change marks are content/changes.js's). */
export function clear() {
  if (!supported()) return;
  for (const [key, name] of Object.entries(HIGHLIGHT_NAMES)) if (key !== "change") CSS.highlights.delete(name);
  clearTimeout(flashTimer);
}

let flashTimer = 0;

/**
 * Mark one clause more strongly for a moment (after the popup scrolled to it), or until `clearFocus`.
 * @param {Range} range
 * @param {number} [ms] how long; 0 keeps it until cleared
 */
export function flash(range, ms = 0) {
  if (!supported()) return;
  clearTimeout(flashTimer);
  const highlight = new Highlight(range);
  highlight.priority = SEVERITIES.length + 1;
  CSS.highlights.set(HIGHLIGHT_NAMES.focus, highlight);
  if (ms) flashTimer = setTimeout(clearFocus, ms);
}

/** Remove the flash of the clause pointed at. */
export function clearFocus() {
  if (!supported()) return;
  clearTimeout(flashTimer);
  CSS.highlights.delete(HIGHLIGHT_NAMES.focus);
}
