/**
 * Shapes of the messages between content scripts, the worker and the extension pages, and the service's
 * answers reduced to checked fields. Every receiver checks a message against its shape before acting on it:
 * a page's script cannot talk to the worker directly, but a compromised or confused content script can, and
 * a reply may come from an older version of the worker. The service is local but not part of the extension,
 * so its answers are input too. No extension API is used here, so Node can test it (tests/js/).
 */
import { ACTION_KEY_PATTERN, ANNOTATION_ID_PATTERN, RECORD_ID_PATTERN, withActionKeys } from "./identity.js";
import { MAX_TEXT_CHARS } from "./constants.js";
import { GENERIC_KIND, NEUTRAL_STANCE } from "./labels.js";
import { checkFlow } from "./flow.js";
import { MSG, TRIGGERS } from "./messages.js";
import {
  ACTION_FIELDS,
  ACTION_KINDS,
  ANNOTATION_FIELDS,
  ANNOTATION_KINDS,
  CHANGE_KINDS,
  REASON_KINDS,
  SEVERITIES,
  STANCES,
  WORDING_STATUSES,
  WORD_OPS,
} from "./vocabulary.js";

const str = (max, { required = true, allowEmpty = false, pattern = null } = {}) => ({ kind: "string", max, required, allowEmpty, pattern });
const int = (min, max, { required = true } = {}) => ({ kind: "int", min, max, required });
const bool = ({ required = true } = {}) => ({ kind: "bool", required });
const oneOf = (values, { required = true } = {}) => ({ kind: "enum", values, required });

const URL_MAX = 4096;
const TAB_ID = int(0, 2 ** 31 - 1);
const CLAUSE_ID = str(200, { pattern: ANNOTATION_ID_PATTERN });
/** OPEN_ACTION names a clause (source "annotation") or, for the service's other actions, a record ("site"). */
const CLAUSE_OR_RECORD_ID = str(200, { pattern: new RegExp(`${ANNOTATION_ID_PATTERN.source}|${RECORD_ID_PATTERN.source}`) });
/** A "this looks wrong" note: the service keeps up to 2,000 characters (api/feedback.py MAX_NOTE_CHARS). */
const NOTE_MAX = 2000;

/** Fields each message type carries (besides `type`). Unknown fields are an error too. */
export const SHAPES = Object.freeze({
  [MSG.ANALYZE_PAGE]: {
    url: str(URL_MAX),
    title: str(2000, { allowEmpty: true }),
    text: str(MAX_TEXT_CHARS),
    trigger: oneOf(Object.values(TRIGGERS)),
  },
  [MSG.GET_PAGE_CONFIG]: { url: str(URL_MAX) },
  [MSG.CLEAR_PAGE]: {},
  [MSG.REPORT_PROBLEM]: { id: CLAUSE_ID, note: str(NOTE_MAX, { allowEmpty: true }) },
  [MSG.DISMISS_GUIDANCE]: {},
  [MSG.MARK_READ]: { tabId: int(0, 2 ** 31 - 1, { required: false }) },
  [MSG.WATCH_DOCUMENT]: { tabId: TAB_ID, watch: bool() },
  [MSG.GUIDE_SET]: {},
  [MSG.OPTOUT_VERIFIED]: { state: str(80) },
  [MSG.OPTOUT_LAPSED]: { state: str(80) },
  [MSG.OPEN_ACTION]: {
    tabId: int(0, 2 ** 31 - 1, { required: false }),
    source: oneOf(["annotation", "site"]),
    id: CLAUSE_OR_RECORD_ID,
    action: str(60, { pattern: ACTION_KEY_PATTERN }),
  },
  [MSG.GET_TAB_SUMMARY]: { tabId: TAB_ID },
  [MSG.ANALYZE_TAB]: { tabId: TAB_ID },
  [MSG.SHOW_CLAUSE]: { tabId: TAB_ID, id: CLAUSE_ID },
  [MSG.GET_OPTIONS]: {},
  [MSG.SET_OPTIONS]: { port: int(1, 65535), autoAnalyze: bool(), sendGpc: bool({ required: false }) },
  [MSG.CHECK_SERVICE]: {},
  [MSG.RUN_ANALYSIS]: {},
  [MSG.SCROLL_TO_CLAUSE]: { id: CLAUSE_ID },
  [MSG.FOCUS_CLAUSE]: {},
  [MSG.CHANGES_READ]: {},
});

/**
 * Why `message` is not a well-formed message of a type in `allowed`, or null when it is.
 * @param {unknown} message
 * @param {Set<string>} allowed the types this receiver accepts from this sender
 * @returns {string|null}
 */
export function messageProblem(message, allowed) {
  if (typeof message !== "object" || message === null || Array.isArray(message)) return "not an object";
  const { type, ...fields } = message;
  if (typeof type !== "string" || !allowed.has(type) || !Object.hasOwn(SHAPES, type)) {
    return `type ${JSON.stringify(type)} is not accepted here`;
  }
  const shape = SHAPES[type];
  for (const name of Object.keys(fields)) {
    if (!Object.hasOwn(shape, name)) return `${type}: unexpected field '${name}'`;
  }
  for (const [name, spec] of Object.entries(shape)) {
    const problem = valueProblem(fields[name], spec);
    if (problem) return `${type}: field '${name}' ${problem}`;
  }
  return null;
}

function valueProblem(value, spec) {
  if (value === undefined || value === null) return spec.required ? "is required" : null;
  switch (spec.kind) {
    case "string":
      if (typeof value !== "string") return "must be a string";
      if (value.length > spec.max) return `is longer than ${spec.max}`;
      if (!spec.allowEmpty && value.length === 0) return "is empty";
      if (spec.pattern && !spec.pattern.test(value)) return "is not in the expected form";
      return null;
    case "int":
      if (!Number.isInteger(value)) return "must be an integer";
      return value < spec.min || value > spec.max ? `must be in ${spec.min}..${spec.max}` : null;
    case "bool":
      return typeof value === "boolean" ? null : "must be true or false";
    case "enum":
      return spec.values.includes(value) ? null : `must be one of ${spec.values.join(", ")}`;
    default:
      return "has an unknown shape";
  }
}

/**
 * Whether `url` is an https address we may open or link to.
 * @param {unknown} url
 * @returns {boolean}
 */
export function isHttpsUrl(url) {
  if (typeof url !== "string") return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** The service keeps a report's page address up to this length (api/feedback.py). */
const REPORT_URL_MAX = 2048;

/**
 * The page address a "this looks wrong" report keeps: scheme, host and path only. Query strings and fragments
 * often hold session tokens or search terms the maintainer does not need, and can push an address past the
 * service's limit, which would lose the whole report.
 * @param {string} url the tab's address
 * @returns {string|null} null when the address cannot be parsed
 */
export function reportAddress(url) {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`.slice(0, REPORT_URL_MAX);
  } catch {
    return null;
  }
}

// ---- The service's answers ----------------------------------------------------------------------------

/** Length limits for what the extension shows: generous for real records, short enough that a hostile or
 * broken answer cannot make a card megabytes long. */
const LIMIT = Object.freeze({ id: 200, name: 200, title: 400, prose: 8000, item: 2000, context: 200, list: 30, actions: 20, domains: 50 });

const text = (value, max = LIMIT.prose) => (typeof value === "string" ? value.slice(0, max) : "");
const optionalText = (value, max = LIMIT.prose) => (typeof value === "string" && value ? value.slice(0, max) : null);
const textList = (value, max = LIMIT.item, count = LIMIT.list) =>
  Array.isArray(value) ? value.map((s) => text(s, max)).filter(Boolean).slice(0, count) : [];
const isoDate = (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
const count = (value) => (Number.isInteger(value) && value >= 0 ? value : null);
const EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[a-z]{2,}$/i;

/**
 * How each annotation field the service sends (ANNOTATION_FIELDS, generated from analysis.schema.json) is
 * checked and passed on. Each check gets the field's value (and the whole annotation) and returns the value
 * to keep. Required fields (checkAnnotation drops an annotation without them): `id` (the clause's name in
 * every message), `exact` (what is anchored) and `severity` (how it is painted).
 *
 *   id            the schema's pattern                       kind         one of ANNOTATION_KINDS
 *   record_id     string or null                             exact        non-empty string, kept whole
 *   prefix/suffix strings, cut to 200 (the service sends 32)  start_utf16  integer ≥ 0 or null (anchoring hint)
 *   score         number 0-100 or null                       service      string or null
 *   category      string (named via CATEGORIES when known)   severity     one of SEVERITIES
 *   stance        one of STANCES, else neutral               title        string, else "Clause"
 *   means/matters strings, cut to 8,000                      advice       list of strings
 *   actions       checkAction each (https links only)        regulations  list of strings
 *   source_url    https only, else null                      source_date  YYYY-MM-DD or null
 *   verified      YYYY-MM-DD or null                         peers        {summary} or null
 *   provenance    checkProvenance (an imported record's curator, licence and https link), or null
 *   wording       checkWording (null for generic clauses)
 */
const ANNOTATION_CHECKS = Object.freeze({
  id: (v) => (typeof v === "string" && ANNOTATION_ID_PATTERN.test(v) ? v : null),
  kind: (v) => (ANNOTATION_KINDS.includes(v) ? v : null),
  record_id: (v) => optionalText(v, LIMIT.id),
  start_utf16: count,
  exact: (v) => (typeof v === "string" && v ? v : null),
  prefix: (v) => text(v, LIMIT.context),
  suffix: (v) => text(v, LIMIT.context),
  score: (v) => (typeof v === "number" && v >= 0 && v <= 100 ? v : null),
  service: (v) => optionalText(v, LIMIT.name),
  category: (v) => text(v, LIMIT.name),
  severity: (v) => (SEVERITIES.includes(v) ? v : null),
  stance: (v) => (STANCES.includes(v) ? v : NEUTRAL_STANCE),
  title: (v) => text(v, LIMIT.title) || "Clause",
  means: (v) => text(v),
  matters: (v) => text(v),
  advice: (v) => textList(v, LIMIT.item, 10),
  actions: (v) => (Array.isArray(v) ? withActionKeys(v.map(checkAction).filter(Boolean).slice(0, LIMIT.actions)) : []),
  regulations: (v) => textList(v, LIMIT.title),
  source_url: (v) => (isHttpsUrl(v) ? v : null),
  source_date: isoDate,
  verified: isoDate,
  provenance: (v) => checkProvenance(v),
  peers: (v) => {
    const summary = typeof v === "object" && v !== null ? optionalText(v.summary, 600) : null;
    return summary ? { summary } : null;
  },
  wording: (v) => checkWording(v),
});

/**
 * Where an imported record comes from, as the card shows it: `{project, point_id, licence, url, licence_url,
 * credit, snapshot}` with the links https only; null unless project, licence and an https point link are there.
 * @param {unknown} v
 * @returns {object|null}
 */
export function checkProvenance(v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const provenance = {
    project: optionalText(v.project, LIMIT.name),
    point_id: optionalText(v.point_id, LIMIT.id),
    licence: optionalText(v.licence, LIMIT.name),
    url: isHttpsUrl(v.url) ? v.url : null,
    licence_url: isHttpsUrl(v.licence_url) ? v.licence_url : null,
    credit: optionalText(v.credit, LIMIT.title),
    snapshot: typeof v.snapshot === "string" && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v.snapshot) ? v.snapshot : null,
  };
  return provenance.project && provenance.licence && provenance.url ? provenance : null;
}

/** Annotation fields the extension drops on purpose, and why. */
export const DROPPED_ANNOTATION_FIELDS = Object.freeze({
  start: "code-point offset (Python); the browser anchors with start_utf16 as its hint",
  end: "code-point offset; the end follows from the anchored quote",
  end_utf16: "the end follows from the anchored quote",
});

/** Annotation fields passed on to the popup and the content script. */
export const PASSED_ANNOTATION_FIELDS = Object.freeze(Object.keys(ANNOTATION_CHECKS));
const REQUIRED_ANNOTATION_FIELDS = ["id", "kind", "exact", "severity"];

/**
 * How each action field (ACTION_FIELDS) is checked: https links only, an address only when it looks like one
 * (and its subject only with it), the kind one of ACTION_KINDS. The worker adds `key` (lib/identity.js).
 */
const ACTION_CHECKS = Object.freeze({
  kind: (v) => (ACTION_KINDS.includes(v) ? v : null),
  label: (v) => (typeof v === "string" && v ? v.slice(0, 300) : null),
  url: (v) => (isHttpsUrl(v) ? v : null),
  email: (v) => (typeof v === "string" && EMAIL.test(v) ? v : null),
  subject: (v, action) => (typeof action.email === "string" && EMAIL.test(action.email) ? optionalText(v, LIMIT.name) : null),
  deadline: (v) => optionalText(v, LIMIT.title),
  steps: (v) => textList(v),
  caveats: (v) => textList(v),
  flow: (v) => checkFlow(v),
});

/** Action fields the extension drops on purpose (none today). */
export const DROPPED_ACTION_FIELDS = Object.freeze({});
/** Action fields passed on. */
export const PASSED_ACTION_FIELDS = Object.freeze(Object.keys(ACTION_CHECKS));

/** The service sends at most 7 digest entries (analysis.schema.json); a longer list is cut. */
const DIGEST_MAX = 7;

/**
 * The digest reduced to checked entries, each naming only annotations the answer kept (in their order), and
 * without entries left with none. An answer from a service older than the digest has none: `[]`.
 * @param {unknown} raw the answer's `digest`
 * @param {Set<string>} kept the ids of the annotations checkAnalysis kept
 * @returns {{category: string, title: string, severity: string, stance: string, kind: string,
 *   can_act: boolean, count: number, annotation_ids: string[]}[]}
 */
export function checkDigest(raw, kept) {
  if (!Array.isArray(raw)) return [];
  const entries = [];
  for (const entry of raw.slice(0, DIGEST_MAX)) {
    if (typeof entry !== "object" || entry === null || !SEVERITIES.includes(entry.severity)) continue;
    const ids = Array.isArray(entry.annotation_ids) ? [...new Set(entry.annotation_ids.filter((id) => kept.has(id)))] : [];
    if (!ids.length) continue;
    entries.push({
      category: text(entry.category, LIMIT.name),
      title: text(entry.title, LIMIT.title) || "Clause",
      severity: entry.severity,
      stance: STANCES.includes(entry.stance) ? entry.stance : NEUTRAL_STANCE,
      kind: ANNOTATION_KINDS.includes(entry.kind) ? entry.kind : GENERIC_KIND,
      can_act: entry.can_act === true,
      count: ids.length,
      annotation_ids: ids,
    });
  }
  return entries;
}

/**
 * The analysis answer reduced to the fields the extension uses, each checked; throws TypeError on a shape
 * the extension cannot show. Annotations without a valid id, quote or severity are left out, and so is a
 * second annotation with an id already seen (a message could not tell them apart). The digest keeps only
 * the annotations that were kept (`checkDigest`).
 * @param {any} data the JSON body of POST /analyze
 * @returns {{service: object|null, summary: {total: number, by_severity: object}, digest: object[],
 *   annotations: object[], changes: object|null}}
 */
export function checkAnalysis(data) {
  if (typeof data !== "object" || data === null || !Array.isArray(data.annotations)) {
    throw new TypeError("analysis without annotations");
  }
  const seen = new Set();
  const annotations = [];
  for (const raw of data.annotations) {
    const annotation = checkAnnotation(raw);
    if (!annotation || seen.has(annotation.id)) continue;
    seen.add(annotation.id);
    annotations.push(annotation);
  }
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
  for (const annotation of annotations) bySeverity[annotation.severity] += 1;
  return {
    service: checkService(data.service),
    summary: { total: annotations.length, by_severity: bySeverity },
    digest: checkDigest(data.digest, seen),
    annotations,
    changes: checkChanges(data.changes),
  };
}

// ---- What changed: a record's wording, and the page since the reader last read it ----------------------

/** Limits on what a change or a wording difference shows: a few hundred steps of a word diff, a page of text. */
const CHANGE_LIMIT = Object.freeze({ ops: 400, op: 4000, reasons: 20, items: 200, passage: 20000 });

/**
 * A word diff: its steps ({op: "equal"|"delete"|"insert", text}), text only (offsets are the service's).
 * @param {unknown} value
 * @returns {{op: string, text: string}[]}
 */
export function checkWordDiff(value) {
  if (!Array.isArray(value)) return [];
  return value
    .filter((step) => typeof step === "object" && step !== null && WORD_OPS.includes(step.op) && typeof step.text === "string")
    .slice(0, CHANGE_LIMIT.ops)
    .map((step) => ({ op: step.op, text: step.text.slice(0, CHANGE_LIMIT.op) }));
}

/**
 * A material difference: the rule, what it found, the words on each side ({kind, what, old, new}, the last
 * two strings or null); null when the rule is unknown.
 * @param {unknown} raw
 * @returns {{kind: string, what: string, old: string|null, new: string|null}|null}
 */
export function checkReason(raw) {
  if (typeof raw !== "object" || raw === null || !REASON_KINDS.includes(raw.kind)) return null;
  const side = (passage) => (typeof passage === "object" && passage !== null ? optionalText(passage.text, LIMIT.item) : null);
  return { kind: raw.kind, what: text(raw.what, LIMIT.name), old: side(raw.old), new: side(raw.new) };
}

const reasons = (value) => (Array.isArray(value) ? value.map(checkReason).filter(Boolean).slice(0, CHANGE_LIMIT.reasons) : []);

/**
 * An annotation's wording check: {status, verified, diff, material, absent, claims_hold}, or null (a generic
 * annotation, or a status the extension does not know). `claims_hold` is false unless the service says true.
 * @param {unknown} raw
 * @returns {object|null}
 */
export function checkWording(raw) {
  if (typeof raw !== "object" || raw === null || !WORDING_STATUSES.includes(raw.status)) return null;
  return {
    status: raw.status,
    verified: isoDate(raw.verified),
    diff: checkWordDiff(raw.diff),
    material: reasons(raw.material),
    absent: textList(raw.absent, LIMIT.item, 10),
    claims_hold: raw.claims_hold === true,
  };
}

const CHANGE_ID = /^change:[0-9a-f]{12}$/;

/**
 * The analysis answer's `changes`, or null: {last_read_at (ISO date), summary, items}. An item keeps its id,
 * kind, whether it matters and why, its category, the old wording's text, the page's passage (text, 32
 * characters of context each side, the UTF-16 offset as an anchoring hint) and the word diff.
 * @param {unknown} raw
 * @returns {object|null}
 */
export function checkChanges(raw) {
  if (typeof raw !== "object" || raw === null || !Array.isArray(raw.items)) return null;
  const items = [];
  const seen = new Set();
  for (const item of raw.items.slice(0, CHANGE_LIMIT.items)) {
    if (typeof item !== "object" || item === null || !CHANGE_ID.test(item.id) || seen.has(item.id)) continue;
    if (!CHANGE_KINDS.includes(item.kind)) continue;
    seen.add(item.id);
    const page = typeof item.new === "object" && item.new !== null && typeof item.new.text === "string" && item.new.text
      ? {
          text: item.new.text.slice(0, CHANGE_LIMIT.passage),
          prefix: text(item.new.prefix, LIMIT.context),
          suffix: text(item.new.suffix, LIMIT.context),
          start_utf16: count(item.new.start_utf16),
        }
      : null;
    items.push({
      id: item.id,
      kind: item.kind,
      material: item.material === true,
      reasons: reasons(item.reasons),
      category: optionalText(item.category, LIMIT.name),
      old: typeof item.old === "object" && item.old !== null ? optionalText(item.old.text, CHANGE_LIMIT.passage) : null,
      new: page,
      diff: checkWordDiff(item.diff),
    });
  }
  if (!items.length) return null;
  const lastRead = typeof raw.last_read_at === "string" && /^\d{4}-\d{2}-\d{2}/.test(raw.last_read_at) ? raw.last_read_at.slice(0, 10) : null;
  const summary = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, items.filter((i) => i.kind === kind).length]));
  return { last_read_at: lastRead, summary: { total: items.length, material: items.filter((i) => i.material).length, ...summary }, items };
}

/**
 * One annotation with the fields in PASSED_ANNOTATION_FIELDS, each checked, or null when a required one is
 * missing or malformed.
 * @param {unknown} raw
 * @returns {object|null}
 */
export function checkAnnotation(raw) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const annotation = {};
  for (const field of ANNOTATION_FIELDS) {
    if (Object.hasOwn(ANNOTATION_CHECKS, field)) annotation[field] = ANNOTATION_CHECKS[field](raw[field], raw);
  }
  return REQUIRED_ANNOTATION_FIELDS.every((field) => annotation[field] !== null && annotation[field] !== undefined) ? annotation : null;
}

/**
 * An action with the fields in PASSED_ACTION_FIELDS, each checked, or null without a kind and label.
 * @param {unknown} raw
 * @returns {object|null}
 */
export function checkAction(raw) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const action = {};
  for (const field of ACTION_FIELDS) {
    if (Object.hasOwn(ACTION_CHECKS, field)) action[field] = ACTION_CHECKS[field](raw[field], raw);
  }
  return action.kind && action.label ? action : null;
}

/**
 * The service a page belongs to, or null.
 * @param {unknown} service
 * @returns {{id: string, name: string, domains: string[], matched_by: string|null}|null}
 */
export function checkService(service) {
  if (typeof service !== "object" || service === null || typeof service.name !== "string") return null;
  return {
    id: text(service.id, LIMIT.name),
    name: text(service.name, LIMIT.name),
    domains: Array.isArray(service.domains) ? service.domains.filter((d) => typeof d === "string").slice(0, LIMIT.domains) : [],
    matched_by: optionalText(service.matched_by, 40),
  };
}

/**
 * The service's actions from GET /site, each checked and keyed, with the id and title of the record it
 * belongs to (the popup names a site action by record id and action key).
 * @param {any} data the JSON body of GET /site
 * @returns {{service: object|null, actions: object[]}}
 */
export function checkSite(data) {
  const service = checkService(data?.service);
  if (!service) return { service: null, actions: [] };
  const titles = new Map((Array.isArray(data.records) ? data.records : []).map((r) => [r?.id, r?.title]));
  const byRecord = new Map();
  for (const raw of Array.isArray(data.actions) ? data.actions : []) {
    const action = checkAction(raw);
    const recordId = typeof raw?.record_id === "string" && RECORD_ID_PATTERN.test(raw.record_id) ? raw.record_id : null;
    if (!action || !recordId) continue;
    if (!byRecord.has(recordId)) byRecord.set(recordId, []);
    byRecord.get(recordId).push(action);
  }
  const actions = [];
  for (const [recordId, list] of byRecord) {
    const title = titles.get(recordId);
    for (const action of withActionKeys(list)) {
      actions.push({ ...action, record_id: recordId, recordTitle: typeof title === "string" ? title.slice(0, 300) : null });
    }
  }
  return { service, actions: actions.slice(0, 40) };
}
