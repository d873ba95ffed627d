/**
 * Shapes of the messages between content scripts, the worker and the extension pages. Every receiver checks
 * a message against its shape before acting on it: a page's script cannot talk to the worker directly, but a
 * compromised or confused content script can, and a reply may come from an older version of the worker.
 */
import { MSG } from "./messages.js";
import { MAX_TEXT_CHARS } from "./constants.js";

const str = (max, { required = true, allowEmpty = false } = {}) => ({ kind: "string", max, required, allowEmpty });
const int = (min, max, { required = true } = {}) => ({ kind: "int", min, max, required });
const bool = ({ required = true } = {}) => ({ kind: "bool", required });
const oneOf = (values, { required = true } = {}) => ({ kind: "enum", values, required });

const URL_MAX = 4096;
const TAB_ID = int(0, 2 ** 31 - 1);

/** Fields each message type carries (besides `type`). Unknown fields are an error too. */
export const SHAPES = Object.freeze({
  [MSG.ANALYZE_PAGE]: {
    url: str(URL_MAX),
    title: str(2000, { allowEmpty: true }),
    text: str(MAX_TEXT_CHARS),
    trigger: oneOf(["auto", "request", "update"]),
  },
  [MSG.GET_PAGE_CONFIG]: { url: str(URL_MAX) },
  [MSG.CLEAR_PAGE]: {},
  [MSG.REPORT_PROBLEM]: { index: int(0, 10000), note: str(2000, { allowEmpty: true }) },
  [MSG.DISMISS_GUIDANCE]: {},
  [MSG.OPEN_ACTION]: {
    tabId: int(0, 2 ** 31 - 1, { required: false }),
    source: oneOf(["annotation", "site"]),
    index: int(0, 10000),
    actionIndex: int(0, 100),
  },
  [MSG.GET_TAB_SUMMARY]: { tabId: TAB_ID },
  [MSG.ANALYZE_TAB]: { tabId: TAB_ID },
  [MSG.SHOW_CLAUSE]: { tabId: TAB_ID, index: int(0, 10000) },
  [MSG.GET_OPTIONS]: {},
  [MSG.SET_OPTIONS]: { port: int(1, 65535), autoAnalyze: bool() },
  [MSG.CHECK_SERVICE]: {},
  [MSG.RUN_ANALYSIS]: {},
  [MSG.SCROLL_TO_CLAUSE]: { index: int(0, 10000) },
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

const SEVERITY_SET = new Set(["high", "medium", "low"]);

/**
 * The analysis answer reduced to the fields the extension uses, each checked; throws TypeError on a shape
 * the extension cannot show. The service is local but not part of the extension, so its answer is input too.
 * @param {any} data the JSON body of POST /analyze
 * @returns {{service: object|null, summary: object, annotations: object[]}}
 */
export function checkAnalysis(data) {
  if (typeof data !== "object" || data === null || !Array.isArray(data.annotations)) {
    throw new TypeError("analysis without annotations");
  }
  const annotations = data.annotations.map(checkAnnotation).filter(Boolean);
  const bySeverity = { high: 0, medium: 0, low: 0 };
  for (const annotation of annotations) bySeverity[annotation.severity] += 1;
  return {
    service: checkService(data.service),
    summary: { total: annotations.length, by_severity: bySeverity },
    annotations,
  };
}

function text(value, max = 8000) {
  return typeof value === "string" ? value.slice(0, max) : "";
}

function optionalText(value, max = 8000) {
  return typeof value === "string" && value ? value.slice(0, max) : null;
}

/** @returns {object|null} */
export function checkService(service) {
  if (typeof service !== "object" || service === null || typeof service.name !== "string") return null;
  return {
    id: text(service.id, 200),
    name: text(service.name, 200),
    domains: Array.isArray(service.domains) ? service.domains.filter((d) => typeof d === "string").slice(0, 50) : [],
    matched_by: optionalText(service.matched_by, 40),
  };
}

function checkAnnotation(a) {
  if (typeof a !== "object" || a === null) return null;
  if (typeof a.exact !== "string" || !a.exact || !SEVERITY_SET.has(a.severity)) return null;
  const peers = typeof a.peers === "object" && a.peers !== null ? { summary: optionalText(a.peers.summary, 600) } : null;
  return {
    kind: a.kind === "generic" ? "generic" : "record",
    record_id: optionalText(a.record_id, 200),
    exact: a.exact,
    prefix: text(a.prefix, 200),
    suffix: text(a.suffix, 200),
    start_utf16: Number.isInteger(a.start_utf16) ? a.start_utf16 : Number.isInteger(a.start) ? a.start : 0,
    score: typeof a.score === "number" ? a.score : null,
    service: optionalText(a.service, 200),
    category: text(a.category, 200),
    severity: a.severity,
    stance: ["bad", "neutral", "good"].includes(a.stance) ? a.stance : "neutral",
    title: text(a.title, 400) || "Clause",
    means: text(a.means),
    matters: text(a.matters),
    actions: Array.isArray(a.actions) ? a.actions.map(checkAction).filter(Boolean).slice(0, 20) : [],
    advice: Array.isArray(a.advice) ? a.advice.map((s) => text(s, 2000)).filter(Boolean).slice(0, 10) : [],
    regulations: Array.isArray(a.regulations) ? a.regulations.map((r) => text(r, 400)).filter(Boolean) : [],
    source_url: isHttpsUrl(a.source_url) ? a.source_url : null,
    source_date: optionalText(a.source_date, 20),
    verified: optionalText(a.verified, 20),
    peers: peers && peers.summary ? peers : null,
  };
}

/** An action with only the fields the extension shows; links kept only when they are https. */
export function checkAction(action) {
  if (typeof action !== "object" || action === null || typeof action.label !== "string") return null;
  const list = (value) => (Array.isArray(value) ? value.map((s) => text(s, 2000)).filter(Boolean).slice(0, 30) : []);
  const email = typeof action.email === "string" && /^[^@\s<>"]+@[^@\s<>"]+\.[a-z]{2,}$/i.test(action.email);
  return {
    kind: text(action.kind, 40) || "read",
    label: text(action.label, 300),
    url: isHttpsUrl(action.url) ? action.url : null,
    email: email ? action.email : null,
    steps: list(action.steps),
    caveats: list(action.caveats),
    deadline: optionalText(action.deadline, 400),
    subject: email ? optionalText(action.subject, 200) : null,
  };
}
