/**
 * Opt-out flows as data (record schema `flow`, issue 15): checking one the service sent, telling whether the
 * page is the flow's settings page, and the words for states and dates. Pure data work, no DOM and no
 * extension API, so Node can test it. Finding and reading controls is content/controls.js; running a flow on
 * a page is content/flowrun.js.
 *
 * Versioned like autoconsent's rules: this engine knows FLOW_VERSION; a flow of a later version is kept only
 * as `{version, unsupported: true}` and the guide shows the action's written steps instead.
 */

/** An https address (lib/validate.js has the same check; this module stays free of imports). */
function isHttpsUrl(url) {
  try {
    return typeof url === "string" && new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** The flow version this engine runs. */
export const FLOW_VERSION = 1;

const ROLES = new Set(["switch", "checkbox", "radio", "button", "combobox", "heading", "link", "textbox"]);
const LIMIT = Object.freeze({ text: 2000, short: 80, name: 200, selector: 300, steps: 12, list: 8, names: 4 });

const str = (value, max) => (typeof value === "string" && value.trim() ? value.slice(0, max) : null);
const strList = (value, max, count) => (Array.isArray(value) ? value.map((v) => str(v, max)).filter(Boolean).slice(0, count) : []);
const isoDate = (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/**
 * An element description ({name, role, selectors}), checked; null when it names nothing.
 * @param {unknown} raw
 * @returns {{name: string[], role: string[], selectors: string[]}|null}
 */
export function checkTarget(raw) {
  if (typeof raw !== "object" || raw === null) return null;
  const target = {
    name: strList(raw.name, LIMIT.name, LIMIT.names),
    role: (Array.isArray(raw.role) ? raw.role : []).filter((r) => ROLES.has(r)).slice(0, LIMIT.names),
    selectors: strList(raw.selectors, LIMIT.selector, LIMIT.names),
  };
  return target.name.length || target.selectors.length ? target : null;
}

/**
 * The wanted state of a step: "on", "off", {choice} or null.
 * @param {unknown} raw
 * @returns {"on"|"off"|{choice: string}|null}
 */
export function checkWant(raw) {
  if (raw === "on" || raw === "off") return raw;
  const choice = typeof raw === "object" && raw !== null ? str(raw.choice, LIMIT.short) : null;
  return choice ? { choice } : null;
}

function checkStep(raw) {
  if (typeof raw !== "object" || raw === null) return null;
  const say = str(raw.say, LIMIT.text);
  if (!say) return null;
  const control = checkTarget(raw.control);
  const want = control ? checkWant(raw.want) : null;
  const press = Boolean(control && raw.press === true && !want);
  return { say, control, want, press, operate: Boolean(control && raw.operate === true && (want || press)) };
}

/**
 * A flow from the service, checked and reduced to what the engine uses; null when it is not a usable flow.
 * A flow of a later version than FLOW_VERSION comes back as `{version, unsupported: true}`.
 * @param {unknown} raw
 * @returns {object|null}
 */
export function checkFlow(raw) {
  if (typeof raw !== "object" || raw === null || !Number.isInteger(raw.version) || raw.version < 1) return null;
  if (raw.version > FLOW_VERSION) return { version: raw.version, unsupported: true };
  const url = raw.page?.url;
  if (!isHttpsUrl(url)) return null;
  const steps = (Array.isArray(raw.steps) ? raw.steps : []).slice(0, LIMIT.steps).map(checkStep);
  if (!steps.length || steps.some((s) => s === null)) return null;
  const faq = (Array.isArray(raw.faq) ? raw.faq : [])
    .map((item) => ({ q: str(item?.q, LIMIT.text), a: str(item?.a, LIMIT.text) }))
    .filter((item) => item.q && item.a)
    .slice(0, LIMIT.list);
  return {
    version: raw.version,
    setting: str(raw.setting, LIMIT.short) ?? "This setting",
    page: {
      url,
      signedIn: checkTarget(raw.page.signed_in),
      signedOut: (Array.isArray(raw.page.signed_out) ? raw.page.signed_out : []).map(checkTarget).filter(Boolean).slice(0, LIMIT.list),
    },
    steps,
    verify: raw.verify === "now" ? "now" : "reload",
    expect: strList(raw.expect, LIMIT.text, LIMIT.list),
    faq,
    source: isHttpsUrl(raw.source?.url) ? { url: raw.source.url, checked: isoDate(raw.source.checked) } : null,
  };
}

/**
 * Whether the flow runs: a checked flow of this engine's version.
 * @param {object|null|undefined} flow
 * @returns {boolean}
 */
export function runnable(flow) {
  return Boolean(flow && !flow.unsupported && flow.version === FLOW_VERSION);
}

const bareHost = (host) => host.replace(/^www\./, "");
const barePath = (path) => path.replace(/\/+$/, "") || "/";

/**
 * Whether `url` is the flow's settings page: same host (www. aside) and path (trailing slash aside, case
 * kept), and, when the flow's address has a '#' route (chatgpt.com/#settings/DataControls), the same route.
 * @param {string} url
 * @param {string} pageUrl the flow's page.url
 * @returns {boolean}
 */
export function isFlowPage(url, pageUrl) {
  try {
    const a = new URL(url);
    const b = new URL(pageUrl);
    if (a.protocol !== "https:" || bareHost(a.hostname) !== bareHost(b.hostname) || barePath(a.pathname) !== barePath(b.pathname)) return false;
    return !b.hash || a.hash.toLowerCase() === b.hash.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The words for a state: "on", "off", or the choice's label.
 * @param {"on"|"off"|{choice: string}|string|null} state
 * @returns {string}
 */
export function stateWords(state) {
  if (state === null || state === undefined) return "unknown";
  return typeof state === "object" ? state.choice : String(state);
}

/**
 * Whether a read state is the wanted one.
 * @param {string|null} state "on", "off" or a choice's label, as read from the page
 * @param {"on"|"off"|{choice: string}} want
 * @returns {boolean}
 */
export function isWanted(state, want) {
  if (state === null || want === null) return false;
  if (typeof want === "object") return fold(state) === fold(want.choice);
  return state === want;
}

/**
 * Text folded for comparing names: lower case, no quotes or punctuation, single spaces.
 * @param {string|null|undefined} text
 * @returns {string}
 */
export function fold(text) {
  return (text || "").toLowerCase().replace(/[“”"‘’'.,:;!?()…]/g, "").replace(/\s+/g, " ").trim();
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * "2 December 2026" from an ISO date or timestamp ("2026-12-02", "2026-12-02T10:00:00Z"); the date as it is
 * written when it is not one.
 * @param {string} iso
 * @param {{year?: boolean}} [options] without the year: "2 December"
 * @returns {string}
 */
export function longDate(iso, { year = true } = {}) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  if (!match) return iso ?? "";
  const [, y, m, d] = match;
  return `${Number(d)} ${MONTHS[Number(m) - 1]}${year ? ` ${y}` : ""}`;
}

/**
 * Today's date in the browser's time zone as YYYY-MM-DD (the date a person would say).
 * @param {Date} [now]
 * @returns {string}
 */
export function localIsoDate(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * "Model training: off since 2 December" (the year added when it is not this year).
 * @param {{setting: string, state: string, since: string}} optout
 * @param {Date} [now]
 * @returns {string}
 */
export function sinceText({ setting, state, since }, now = new Date()) {
  const sameYear = typeof since === "string" && since.startsWith(String(now.getFullYear()));
  return `${setting}: ${stateWords(state)} since ${longDate(since, { year: !sameYear })}`;
}
