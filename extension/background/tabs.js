/**
 * What the worker knows per tab: the page's URL, the last analysis, the service's site info, and the opt-out
 * guidance waiting for a settings page. Kept in memory and mirrored to chrome.storage.session, because the
 * browser stops an idle service worker and the popup may be opened long after the page was analysed.
 */
import { ext } from "../lib/browser.js";
import { changedSince } from "../lib/labels.js";

const STORAGE_KEY = "tabs";
const BADGE_COLOR = "#b3261e";
const BADGE_OFFLINE_COLOR = "#5f6368";
const BADGE_CHANGED_COLOR = "#5b3cc4";

/** @type {Map<number, {url?: string, title?: string, result?: object, site?: object, status?: string}>} */
let tabs = new Map();
/** @type {Map<number, object>} */
let guidance = new Map();
let loaded = null;

async function load() {
  loaded ??= (async () => {
    try {
      const stored = (await ext.storage.session?.get(STORAGE_KEY))?.[STORAGE_KEY];
      if (stored) {
        tabs = new Map(stored.tabs ?? []);
        guidance = new Map(stored.guidance ?? []);
      }
    } catch {
      // storage.session is missing in old browsers: memory only.
    }
  })();
  return loaded;
}

let saving = null;
function save() {
  // Coalesce bursts of changes (a SPA re-read right after a page load) into one write.
  saving ??= Promise.resolve().then(async () => {
    saving = null;
    try {
      await ext.storage.session?.set({ [STORAGE_KEY]: { tabs: [...tabs], guidance: [...guidance] } });
    } catch {
      // Over quota or unavailable: the memory copy still serves this worker's lifetime.
    }
  });
  return saving;
}

/**
 * The state of a tab.
 * @param {number} tabId
 * @returns {Promise<object|undefined>}
 */
export async function getTab(tabId) {
  await load();
  return tabs.get(tabId);
}

/**
 * Merge `fields` into a tab's state.
 * @param {number} tabId
 * @param {object} fields
 */
export async function updateTab(tabId, fields) {
  await load();
  const state = { ...(tabs.get(tabId) ?? {}), ...fields };
  tabs.set(tabId, state);
  await save();
  return state;
}

/**
 * A new document was loaded in the tab: its old results no longer describe it.
 * @param {number} tabId
 * @param {string} url the new document's address
 * @returns {Promise<void>}
 */
export async function resetTab(tabId, url) {
  await load();
  tabs.set(tabId, { url });
  await save();
  await setBadge(tabId, null);
}

/**
 * The tab's page left the analysed route: forget its result and clear the badge.
 * @param {number} tabId
 * @returns {Promise<void>}
 */
export async function forgetResult(tabId) {
  await load();
  const state = tabs.get(tabId);
  if (state) {
    delete state.result;
    delete state.status;
    await save();
  }
  await setBadge(tabId, null);
}

/**
 * The opt-out guidance waiting in a tab.
 * @param {number} tabId
 * @returns {Promise<object|undefined>}
 */
export async function getGuidance(tabId) {
  await load();
  return guidance.get(tabId);
}

/**
 * Keep (or, with null, drop) the opt-out guidance for the settings page opened in a tab.
 * @param {number} tabId
 * @param {object|null} value {url, label, kind, steps, caveats, serviceName, recordTitle}
 * @returns {Promise<void>}
 */
export async function setGuidance(tabId, value) {
  await load();
  if (value) guidance.set(tabId, value);
  else guidance.delete(tabId);
  await save();
}

/**
 * The toolbar badge: the number of high-severity clauses, "!" when the service is not running, "…" when
 * it is busy, and "Δ" with the number of changes that matter when the page changed since it was last read.
 * @param {number} tabId
 * @param {{summary?: object, changes?: object|null, offline?: boolean, busy?: boolean}|null} info
 */
export async function setBadge(tabId, info) {
  try {
    if (!info) {
      await ext.action.setBadgeText({ tabId, text: "" });
      await ext.action.setTitle({ tabId, title: "TermsLens" });
      return;
    }
    if (info.busy) {
      await ext.action.setBadgeBackgroundColor({ tabId, color: BADGE_OFFLINE_COLOR });
      await ext.action.setBadgeText({ tabId, text: "…" });
      await ext.action.setTitle({ tabId, title: "TermsLens: the local service is busy; the page will be read again" });
      return;
    }
    if (info.offline) {
      await ext.action.setBadgeBackgroundColor({ tabId, color: BADGE_OFFLINE_COLOR });
      await ext.action.setBadgeText({ tabId, text: "!" });
      await ext.action.setTitle({ tabId, title: "TermsLens: the local service is not running" });
      return;
    }
    const changes = info.changes;
    if (changes?.summary?.material) {
      const n = changes.summary.material;
      await ext.action.setBadgeBackgroundColor({ tabId, color: BADGE_CHANGED_COLOR });
      ext.action.setBadgeTextColor?.({ tabId, color: "#ffffff" });
      await ext.action.setBadgeText({ tabId, text: `Δ${n > 99 ? "99" : n}` });
      await ext.action.setTitle({ tabId, title: changedSince(changes) });
      return;
    }
    const { high = 0, medium = 0, low = 0 } = info.summary?.by_severity ?? {};
    await ext.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    ext.action.setBadgeTextColor?.({ tabId, color: "#ffffff" });
    await ext.action.setBadgeText({ tabId, text: high > 0 ? String(high) : "" });
    const total = high + medium + low;
    await ext.action.setTitle({
      tabId,
      title: total
        ? `TermsLens: ${high} high, ${medium} medium, ${low} low-severity clause${total === 1 ? "" : "s"}`
        : "TermsLens: no clauses found on this page",
    });
  } catch {
    // The tab closed meanwhile.
  }
}

/** Forget a tab's state when it closes (called once by the worker at start). */
export function startListeners() {
  ext.tabs.onRemoved.addListener(async (tabId) => {
    await load();
    tabs.delete(tabId);
    guidance.delete(tabId);
    await save();
  });
}
