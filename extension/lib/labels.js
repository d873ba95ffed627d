/**
 * The words people read for the service's vocabulary (lib/vocabulary.js, generated from the schemas and the
 * taxonomy). Each table has exactly the vocabulary's values as keys: a value the service gains before this
 * file does still gets readable words (its own, capitalised) instead of "undefined".
 */
import { ACTION_KINDS, ANNOTATION_KINDS, CATEGORIES, SEVERITIES, STANCES } from "./vocabulary.js";

/**
 * "opt-out" → "Opt out": a vocabulary value as words.
 * @param {string} value
 * @returns {string}
 */
export function humanize(value) {
  const text = String(value ?? "").replace(/[-_]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Words where a value's own do not read well; tests/js/labels.test.mjs checks every key is a vocabulary value.
 */
export const WORDS = Object.freeze({
  stances: Object.freeze({ bad: "Against you", good: "In your favour" }),
  actionKinds: Object.freeze({ read: "Read more" }),
});

function labelled(values, words = {}) {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, words[value] ?? humanize(value)])));
}

/** "High", "Medium", "Low". */
export const SEVERITY_LABELS = labelled(SEVERITIES);
/** "Against you", "Neutral", "In your favour". */
export const STANCE_LABELS = labelled(STANCES, WORDS.stances);
/** "Opt out", "Setting", … "Read more". */
export const ACTION_KIND_LABELS = labelled(ACTION_KINDS, WORDS.actionKinds);

/** The annotation kind of clauses recognised by their wording, without a curated record. */
export const GENERIC_KIND = "generic";
/** The annotation kind the service sends when it says nothing else (curated records). */
export const RECORD_KIND = ANNOTATION_KINDS.find((kind) => kind !== GENERIC_KIND) ?? "record";

/** The stance of a clause that works in the reader's favour (nothing to do about it). */
export const FAVOURABLE_STANCE = "good";
/** The stance assumed when the service sends none the extension knows. */
export const NEUTRAL_STANCE = "neutral";

/** The action kind that opts out of something: listed first in the popup. */
export const OPT_OUT_KIND = "opt-out";
/** Action kinds that only inform (write to someone, read more) rather than change something for the user. */
const INFORMING_KINDS = new Set(["contact", "read"]);
/**
 * Action kinds that change something for the user: the popup lists them under "Opt out and settings" and the
 * card gives them the filled button.
 */
export const CHANGING_KINDS = Object.freeze(ACTION_KINDS.filter((kind) => !INFORMING_KINDS.has(kind)));
export { INFORMING_KINDS };

/**
 * The name of a clause category ("Your data can train AI models"), from the taxonomy.
 * @param {string} category a taxonomy id
 * @returns {string}
 */
export function categoryName(category) {
  return Object.hasOwn(CATEGORIES, category ?? "") ? CATEGORIES[category].name : humanize(category || "clause");
}

/**
 * Clause categories the Global Privacy Control signal speaks to (selling and sharing personal data): their
 * cards say whether this browser sends it.
 */
export const GPC_CATEGORIES = Object.freeze(["data-sale", "data-sharing"].filter((category) => Object.hasOwn(CATEGORIES, category)));
