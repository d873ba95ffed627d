/**
 * How messages name clauses and actions: by what they are, never by their position in a list.
 *
 * A clause is named by the annotation `id` the service gives it ("record:<record id>:<12 hex>" or
 * "generic:<category>:<12 hex>", "~2" for a repeat of the same words on one page): stable across analyses
 * and edits elsewhere on the page. An action is named by its key inside that clause (or record): its kind and
 * a hash of what it does (link, address, label), "~2" for an exact repeat. So "open the action X of clause
 * Y" still means the same action after a re-analysis reorders or adds clauses, and a message never carries a
 * URL: the worker opens only the link of the action it finds under that name.
 */
import { ANNOTATION_KINDS } from "./vocabulary.js";

/** An annotation id as the service's schema (analysis.schema.json) defines it. */
export const ANNOTATION_ID_PATTERN = new RegExp(`^(${ANNOTATION_KINDS.join("|")}):[a-z0-9-]{1,120}:[0-9a-f]{12}(~[0-9]{1,4})?$`);
/** An action key as actionKey() makes it. */
export const ACTION_KEY_PATTERN = /^[a-z-]{1,40}:[0-9a-f]{8}(~[0-9]{1,4})?$/;
/** A record id (site actions are named by the record they belong to). */
export const RECORD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,199}$/;

/**
 * 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits: short, stable, and the same in every
 * browser (not a security measure; the worker looks the key up among the actions it holds).
 * @param {string} text
 * @returns {string}
 */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * The key of an action without its repeat suffix: kind and a hash of link, address and label.
 * @param {{kind: string, url?: string|null, email?: string|null, label?: string}} action
 * @returns {string}
 */
export function actionKey(action) {
  return `${action.kind}:${fnv1a([action.kind, action.url ?? "", action.email ?? "", action.label ?? ""].join("\n"))}`;
}

/**
 * The actions with their `key` added, repeats of the same action numbered "~2", "~3" in list order.
 * @template {object} T
 * @param {T[]} actions checked actions of one clause or one record
 * @returns {(T & {key: string})[]}
 */
export function withActionKeys(actions) {
  const seen = new Map();
  return actions.map((action) => {
    const base = actionKey(action);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { ...action, key: count === 1 ? base : `${base}~${count}` };
  });
}
