/**
 * The words people read for the service's vocabulary (lib/vocabulary.js, generated from the schemas and the
 * taxonomy). Each table has exactly the vocabulary's values as keys: a value the service gains before this
 * file does still gets readable words (its own, capitalised) instead of "undefined".
 */
import { formatDate } from "./dom.js";
import { ACTION_KINDS, ANNOTATION_KINDS, CATEGORIES, CHANGE_KINDS, REASON_KINDS, SEVERITIES, STANCES, WORDING_STATUSES } from "./vocabulary.js";

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
  changeKinds: Object.freeze({ edited: "Changed", added: "New", removed: "Removed", moved: "Moved" }),
  reasonKinds: Object.freeze({ "data-use": "Use of data", data: "Kind of data", category: "Kind of clause" }),
  wordingStatuses: Object.freeze({ same: "Same wording", reworded: "Reworded", changed: "Changed in what matters" }),
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
/** "Changed", "New", "Removed", "Moved": what happened to a passage since the reader last read the page. */
export const CHANGE_KIND_LABELS = labelled(CHANGE_KINDS, WORDS.changeKinds);
/** "Number", "Amount", … "Kind of clause": the rule that makes a change matter. */
export const REASON_KIND_LABELS = labelled(REASON_KINDS, WORDS.reasonKinds);
/** "Same wording", "Reworded", "Changed in what matters". */
export const WORDING_STATUS_LABELS = labelled(WORDING_STATUSES, WORDS.wordingStatuses);
/** The wording status of a record whose page wording is the one TermsLens verified. */
export const SAME_WORDING = "same";

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
 * "Changed since you read it on 12 Mar 2026: 3 changes that matter".
 * @param {{last_read_at: string|null, summary: {total: number, material: number}}} changes
 * @returns {string}
 */
export function changedSince(changes) {
  const when = changes.last_read_at ? ` on ${formatDate(changes.last_read_at)}` : "";
  const n = changes.summary.material;
  const matter = n ? `${n} change${n === 1 ? "" : "s"} that matter${n === 1 ? "s" : ""}` : `${changes.summary.total} small change${changes.summary.total === 1 ? "" : "s"}`;
  return `Changed since you read it${when}: ${matter}`;
}

/**
 * A material difference in words: "A duration: “30 days” then, “10 days” now"; "AI training added: “train”".
 * @param {{kind: string, what: string, old: string|null, new: string|null}} reason
 * @param {{then?: string, now?: string}} [words] how the two sides are named
 * @returns {string}
 */
export function describeReason(reason, { then = "then", now = "now" } = {}) {
  if (reason.kind === "category") {
    // The words are the whole clause: name its kind instead of quoting it.
    return reason.new ? `Now a clause of this kind: ${categoryName(reason.what)}` : `No longer a clause of this kind: ${categoryName(reason.what)}`;
  }
  const named = reason.what || humanize(reason.kind);
  const what = named.charAt(0).toUpperCase() + named.slice(1);
  if (reason.old && reason.new) return `${what}: “${reason.old}” ${then}, “${reason.new}” ${now}`;
  if (reason.new) return `${what} added: “${reason.new}”`;
  if (reason.old) return `${what} gone: “${reason.old}”`;
  return what;
}

/**
 * Clause categories the Global Privacy Control signal speaks to (selling and sharing personal data): their
 * cards say whether this browser sends it.
 */
export const GPC_CATEGORIES = Object.freeze(["data-sale", "data-sharing"].filter((category) => Object.hasOwn(CATEGORIES, category)));
