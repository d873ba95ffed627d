/**
 * From the service's annotations to clauses on the page: each annotation anchored in the browser's own copy
 * of the text (content/anchor.js) and turned into a live DOM Range (content/text.js). No extension API here.
 */
import { anchorQuote } from "./anchor.js";

/**
 * The clauses of `annotations` in `pageText`, in the annotations' order; a clause whose quote is not on the
 * page has `range: null` (it keeps its place, so the popup can still list it).
 * @param {object[]} annotations checked annotations (lib/validate.js)
 * @param {import("./text.js").PageText} pageText
 * @returns {import("./session.js").Clause[]}
 */
export function anchorClauses(annotations, pageText) {
  return annotations.map((annotation) => {
    const range = anchorRange(pageText, annotation);
    return {
      id: annotation.id,
      annotation,
      severity: annotation.severity,
      range,
      nodes: range ? [range.startContainer, range.endContainer] : [],
    };
  });
}

/**
 * Whether any clause lost its text (its nodes left the document) or was never found.
 * @param {import("./session.js").Clause[]} clauses
 * @returns {boolean}
 */
export function needsReanchor(clauses) {
  return clauses.some((clause) => !clause.range || clause.nodes.some((node) => !node.isConnected));
}

/**
 * A quote anchored in `pageText` as a live Range, or null when it is not on the page (or its place no longer
 * maps to the DOM).
 * @param {import("./text.js").PageText} pageText
 * @param {{exact: string, prefix: string, suffix: string, start_utf16?: number|null}} quote
 * @returns {Range|null}
 */
export function anchorRange(pageText, { exact, prefix, suffix, start_utf16: hint }) {
  const found = anchorQuote(pageText.text, { exact, prefix, suffix, hint });
  try {
    return found ? pageText.toRange(found.start, found.end) : null;
  } catch {
    return null;
  }
}
