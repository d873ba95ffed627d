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

/**
 * Whether the page around `element` is dark (light text), so the highlight colours for dark pages apply.
 * @param {Element} element
 * @returns {boolean}
 */
export function isDarkAround(element) {
  const text = parseColor(getComputedStyle(element).color);
  if (text && text.a > 0.5) return luminance(text) > 0.5;
  for (let node = element; node; node = node.parentElement) {
    const background = parseColor(getComputedStyle(node).backgroundColor);
    if (background && background.a > 0.5) return luminance(background) < 0.35;
  }
  return false;
}

function parseColor(value) {
  const match = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(value || "");
  if (!match) return null;
  let a = match[4] === undefined ? 1 : parseFloat(match[4]);
  if (match[4]?.endsWith("%")) a /= 100;
  return { r: +match[1], g: +match[2], b: +match[3], a };
}

function luminance({ r, g, b }) {
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
