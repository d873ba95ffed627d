/**
 * Where a clause the service found sits in the browser's own copy of the page text.
 *
 * The service's offsets are only a hint: it counts in the text it was sent, and the page may have changed
 * before the answer came back. The quote (`exact`) with its 32 characters of context on each side is the
 * truth, as in Hypothesis's matchQuote: the cheap exact checks run first, and only when the words are there
 * but the spacing changed does a whitespace-blind search run. When the wording itself changed, the clause is
 * dropped here and the re-read that the change triggers asks the service again.
 */

const MAX_OCCURRENCES = 200;
// Context decides between repeated passages; closeness to the hint only breaks ties between equal contexts.
const HINT_WEIGHT = 0.01;

/**
 * The position of a quote in `text`, or null.
 * @param {string} text the page text (UTF-16)
 * @param {{exact: string, prefix?: string, suffix?: string, hint?: number|null}} selector `hint`: where the
 *   service saw the quote (no hint: context alone decides, then the first copy)
 * @returns {{start: number, end: number}|null} half-open offsets into `text`
 */
export function anchorQuote(text, { exact, prefix = "", suffix = "", hint = null }) {
  if (!exact || !text) return null;
  // The cheapest check first, as Hypothesis checks a position selector against its quote.
  if (Number.isInteger(hint) && hint >= 0 && text.startsWith(exact, hint)) return { start: hint, end: hint + exact.length };
  const found = occurrences(text, exact);
  if (found.length === 1) return { start: found[0], end: found[0] + exact.length };
  if (found.length > 1) {
    const best = bestByContext(text, found, exact.length, prefix, suffix, hint);
    return { start: best, end: best + exact.length };
  }
  return anchorIgnoringWhitespace(text, exact, hint);
}

function occurrences(text, needle) {
  const found = [];
  for (let at = text.indexOf(needle); at !== -1 && found.length < MAX_OCCURRENCES; at = text.indexOf(needle, at + 1)) {
    found.push(at);
  }
  return found;
}

function commonSuffixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function commonPrefixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

function bestByContext(text, starts, length, prefix, suffix, hint) {
  let best = starts[0];
  let bestScore = -Infinity;
  for (const start of starts) {
    const before = text.slice(Math.max(0, start - prefix.length), start);
    const after = text.slice(start + length, start + length + suffix.length);
    const context =
      (prefix ? commonSuffixLength(before, prefix) / prefix.length : 0) +
      (suffix ? commonPrefixLength(after, suffix) / suffix.length : 0);
    const distance = Number.isInteger(hint) ? Math.abs(start - hint) : start;
    const score = context - (HINT_WEIGHT * distance) / Math.max(1, text.length);
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  return best;
}

/** The quote found with all whitespace ignored, mapped back to offsets of `text`. */
function anchorIgnoringWhitespace(text, exact, hint) {
  const needle = exact.replace(/[ \n\t\r\u00a0\f]+/g, "");
  if (needle.length < 8) return null;
  const map = new Int32Array(text.length);
  let squeezed = "";
  const chunks = [];
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === " " || char === "\n" || char === "\t" || char === "\r" || char === "\u00a0" || char === "\f") continue;
    chunks.push(char);
    map[n] = i;
    n += 1;
  }
  squeezed = chunks.join("");
  const found = occurrences(squeezed, needle);
  if (!found.length) return null;
  let best = found[0];
  if (Number.isInteger(hint)) {
    for (const at of found) if (Math.abs(map[at] - hint) < Math.abs(map[best] - hint)) best = at;
  }
  return { start: map[best], end: map[best + needle.length - 1] + 1 };
}
