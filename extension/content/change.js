/**
 * Whether a page's text changed enough to ask the service again. Clause text is what the service reads, so
 * the measure is words: how many words the new text has that the analysed one lacks, and the other way round
 * (a bag of words, so a change anywhere counts the same, and moving a block counts nothing). A counter, a
 * clock or a rotating word changes one or two words; a section opened or a route rendered changes dozens.
 * No DOM and no extension API, so Node can test it.
 */

/**
 * At least this many words changed: a short clause ("You may opt out within 30 days of accepting.") is
 * about a dozen words, so a change below that cannot add or remove a clause worth explaining.
 */
export const MATERIAL_MIN_WORDS = 12;
/**
 * …or at least this share of the page's words: on a short page a few words are a real change.
 */
export const MATERIAL_MIN_SHARE = 0.05;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

function bag(text) {
  const counts = new Map();
  for (const [word] of text.toLowerCase().matchAll(WORD)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/**
 * The number of words added plus words removed between two texts (as bags of words), and the larger text's
 * word count.
 * @param {string} before the text last analysed
 * @param {string} after the text now
 * @returns {{changed: number, words: number}}
 */
export function wordChange(before, after) {
  if (before === after) return { changed: 0, words: (before.match(WORD) ?? []).length };
  const old = bag(before);
  const now = bag(after);
  let changed = 0;
  let oldWords = 0;
  let newWords = 0;
  for (const [word, count] of now) {
    newWords += count;
    changed += Math.max(0, count - (old.get(word) ?? 0));
  }
  for (const [word, count] of old) {
    oldWords += count;
    changed += Math.max(0, count - (now.get(word) ?? 0));
  }
  return { changed, words: Math.max(oldWords, newWords) };
}

/**
 * Whether the page changed enough to be analysed again.
 * @param {string} before the text last analysed
 * @param {string} after the text now
 * @returns {boolean}
 */
export function isMaterialChange(before, after) {
  const { changed, words } = wordChange(before, after);
  return changed >= MATERIAL_MIN_WORDS || (changed > 0 && changed >= MATERIAL_MIN_SHARE * words);
}
