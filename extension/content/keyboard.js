/**
 * Keyboard first: which clause the shortcut (manifest `commands`) goes to, and which keys move between
 * clauses from a focused marker. No extension API here, so Node can test it.
 */
import { SEVERITIES } from "../lib/vocabulary.js";

/**
 * The clause the keyboard shortcut focuses: the first clause on the page of the digest's first entry (what
 * matters most, as the popup shows it first), else of the next entry; with no digest (an older service), the
 * first one, in page order, of the highest severity on the page.
 * @param {{id: string, range: Range|null, severity: string}[]} clauses in page order
 * @param {{annotation_ids: string[]}[]} [digest] the analysis' digest, most important first
 * @returns {object|null}
 */
export function leadClause(clauses, digest = []) {
  const shown = clauses.filter((c) => c.range);
  const byId = new Map(shown.map((c) => [c.id, c]));
  for (const entry of digest) {
    const first = entry.annotation_ids.map((id) => byId.get(id)).find(Boolean);
    if (first) return first;
  }
  for (const severity of SEVERITIES) {
    const first = shown.find((c) => c.severity === severity);
    if (first) return first;
  }
  return null;
}

/** Keys that move from a focused marker: to the next or previous clause, or the first or last. */
const MOVES = Object.freeze({ ArrowDown: 1, ArrowRight: 1, j: 1, ArrowUp: -1, ArrowLeft: -1, k: -1, Home: "first", End: "last" });

/**
 * Where a key press on the marker at `index` of `count` moves the focus, or null when the key does not move.
 * @param {string} key KeyboardEvent.key
 * @param {number} index
 * @param {number} count
 * @param {{altKey?: boolean, ctrlKey?: boolean, metaKey?: boolean}} [modifiers] with one of these the key is
 *   left to the browser
 * @returns {number|null}
 */
export function movedIndex(key, index, count, { altKey = false, ctrlKey = false, metaKey = false } = {}) {
  if (altKey || ctrlKey || metaKey || !Object.hasOwn(MOVES, key) || count === 0) return null;
  const move = MOVES[key];
  if (move === "first") return 0;
  if (move === "last") return count - 1;
  return Math.min(count - 1, Math.max(0, index + move));
}
