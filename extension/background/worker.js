/**
 * The background worker: the one dispatcher for runtime messages, the only caller of the local service
 * (lib/api.js), and the keeper of per-tab results, the toolbar badge and opt-out guidance.
 *
 * What a page could make the extension do is bounded here too, whatever the content script lets through:
 * reports and opened actions are rate-limited per tab (RATE_LIMITS), an action is found by the clause or
 * record id and action key a message names and only its own stored https link is opened, and a message
 * that carries anything else (a link, a position) does not pass its shape (lib/validate.js).
 */
import * as api from "../lib/api.js";
import { ext } from "../lib/browser.js";
import { RATE_LIMITS, startCommand } from "../lib/constants.js";
import { RateLimiter } from "../lib/ratelimit.js";
import { CONTENT_MESSAGES, MSG, PAGE_MESSAGES, TRIGGERS } from "../lib/messages.js";
import { isFlowPage, runnable } from "../lib/flow.js";
import { checkAnalysis, checkSite, isHttpsUrl, messageProblem, reportAddress } from "../lib/validate.js";
import * as menus from "./menus.js";
import * as options from "./options.js";
import * as optouts from "./optouts.js";
import * as tabs from "./tabs.js";

/** Who sent a message: "content" (a content script in a tab's top frame), "page" (popup, options) or null. */
function senderKind(sender) {
  if (sender.id !== ext.runtime.id) return null;
  if (typeof sender.url === "string" && sender.url.startsWith(ext.runtime.getURL(""))) return "page";
  if (sender.tab && Number.isInteger(sender.tab.id) && sender.tab.id >= 0 && sender.frameId === 0) return "content";
  return null;
}

const offline = (error) => error?.code === api.ERROR_CODES.UNAVAILABLE;
const busy = (error) => error?.code === api.ERROR_CODES.BUSY;

// In memory: a worker the browser stopped starts with fresh limits, which still bounds a burst (a page cannot
// wake the worker without sending it messages, and each message counts).
const limits = {
  [MSG.REPORT_PROBLEM]: new RateLimiter(RATE_LIMITS.report),
  [MSG.OPEN_ACTION]: new RateLimiter(RATE_LIMITS.openAction),
};
const limited = () => ({ ok: false, error: { code: "rate_limited", message: "That was a lot at once: try again in a minute." } });

async function analyzePage(msg, sender) {
  const tabId = sender.tab.id;
  const { port, autoAnalyze } = await options.getOptions();
  const previous = await tabs.getTab(tabId);
  // A page's own re-read ("update") continues an analysis the user or the settings allowed; an automatic one
  // needs the setting. Nothing is sent when neither holds.
  if (msg.trigger === TRIGGERS.AUTO && !autoAnalyze) return { ok: false, error: { code: "auto_off", message: "Automatic analysis is off." } };
  if (msg.trigger === TRIGGERS.UPDATE && !previous?.result && !autoAnalyze) {
    return { ok: false, error: { code: "auto_off", message: "Automatic analysis is off." } };
  }
  const answer = await api.analyze(port, { url: msg.url, title: msg.title, text: msg.text });
  if (!answer.ok) {
    const status = offline(answer.error) ? "offline" : busy(answer.error) ? "busy" : "error";
    await tabs.updateTab(tabId, { url: msg.url, status, error: answer.error });
    await tabs.setBadge(tabId, status === "error" ? null : { [status]: true });
    return answer;
  }
  let result;
  try {
    result = checkAnalysis(answer.data);
  } catch (error) {
    return { ok: false, error: { code: "bad_response", message: String(error.message) } };
  }
  await tabs.updateTab(tabId, { url: msg.url, title: msg.title, result, status: "ready", error: null, site: undefined });
  await tabs.setBadge(tabId, { summary: result.summary, changes: result.changes });
  return { ok: true, data: result };
}

/**
 * "Mark as read", from the page's notice or card (a content script) or from the popup: the service records that
 * the reader has seen the document's newest version, and the tab forgets its changes; from the popup, the
 * page is told to clear its change marks.
 */
async function markRead(msg, sender, kind) {
  const tabId = kind === "content" ? sender.tab.id : msg.tabId;
  if (kind === "content" && msg.tabId !== undefined) return { ok: false, error: { code: "invalid", message: "tabId is not for content scripts" } };
  if (!Number.isInteger(tabId)) return { ok: false, error: { code: "invalid", message: "tabId is required" } };
  const state = await tabs.getTab(tabId);
  if (!state?.url || !state?.result?.changes) return { ok: false, error: { code: "no_changes", message: "Nothing changed on this page since you read it." } };
  const { port } = await options.getOptions();
  const answer = await api.markRead(port, state.url);
  if (!answer.ok) return answer;
  const result = { ...state.result, changes: null };
  await tabs.updateTab(tabId, { result });
  await tabs.setBadge(tabId, { summary: result.summary });
  if (kind === "page") {
    await ext.tabs.sendMessage(tabId, { type: MSG.CHANGES_READ }, { frameId: 0 }).catch(() => null);
  }
  return { ok: true };
}

/** "Watch this document" (popup): the service re-fetches it on its schedule and keeps new versions unread. */
async function watchDocument(msg) {
  const state = await tabs.getTab(msg.tabId);
  const url = await tabUrl(msg.tabId, state);
  if (!url || !/^https?:/.test(url)) return { ok: false, error: { code: "not_web", message: "Only web pages can be watched." } };
  const { port } = await options.getOptions();
  const answer = await api.watchDocument(port, url, msg.watch);
  if (!answer.ok && !(msg.watch === false && answer.error?.code === "unknown_watch")) return answer;
  await tabs.updateTab(msg.tabId, { document: { ...(state?.document ?? {}), watched: msg.watch } });
  return { ok: true, data: { watched: msg.watch } };
}

async function getPageConfig(msg, sender) {
  const tabId = sender.tab.id;
  const { autoAnalyze, port, sendGpc } = await options.getOptions();
  // The content script asks once per document: a new document's results start empty.
  await tabs.resetTab(tabId, msg.url);
  const waiting = await tabs.getGuidance(tabId);
  let guidance = null;
  if (waiting && waiting.phase !== "watch" && sameSite(msg.url, waiting.url)) guidance = waiting;
  else if (/^https:/.test(msg.url)) {
    // A settings page where the person completed an opt-out: the guide watches it, silently unless undone.
    guidance = await optouts.watchGuidance(port, msg.url).catch(() => null);
    await tabs.setGuidance(tabId, guidance);
  }
  return { ok: true, data: { autoAnalyze, sendGpc, guidance } };
}

/** The tab's flow guidance, when its guide may report on it from this page. */
async function flowGuidance(sender) {
  const guidance = await tabs.getGuidance(sender.tab.id);
  if (!guidance || !runnable(guidance.flow) || !isFlowPage(sender.url ?? sender.tab.url ?? "", guidance.flow.page.url)) return null;
  return guidance;
}

async function guideSet(msg, sender) {
  const guidance = await flowGuidance(sender);
  if (!guidance) return { ok: false, error: { code: "no_guidance", message: "No opt-out is being guided in this tab." } };
  await tabs.setGuidance(sender.tab.id, { ...guidance, phase: "verify" });
  return { ok: true };
}

async function optoutSeen(msg, sender, outcome) {
  const guidance = await flowGuidance(sender);
  const { port } = await options.getOptions();
  return optouts.report(port, guidance, msg.state, outcome);
}

function sameSite(url, other) {
  try {
    const a = new URL(url).hostname;
    const b = new URL(other).hostname;
    const base = (host) => host.split(".").slice(-2).join(".");
    return a === b || base(a) === base(b);
  } catch {
    return false;
  }
}

/**
 * The action a message names, looked up among what the worker holds for the tab: an action of the clause
 * with annotation id `id`, or of the service's record `id` (from GET /site). The link opened is always the
 * one stored with it, never one a message carries.
 */
function findAction(state, { source, id, action: key }) {
  if (source === "annotation") {
    const annotation = state?.result?.annotations?.find((a) => a.id === id);
    const action = annotation?.actions?.find((a) => a.key === key) ?? null;
    return action && { action, recordTitle: annotation.title, serviceName: state?.result?.service?.name, recordId: annotation.record_id };
  }
  const action = state?.site?.actions?.find((a) => a.record_id === id && a.key === key) ?? null;
  return action && { action, recordTitle: action.recordTitle, serviceName: state?.site?.service?.name, recordId: action.record_id };
}

async function openAction(msg, sender, kind) {
  const tabId = kind === "content" ? sender.tab.id : msg.tabId;
  if (kind === "content" && msg.tabId !== undefined) return { ok: false, error: { code: "invalid", message: "tabId is not for content scripts" } };
  if (!Number.isInteger(tabId)) return { ok: false, error: { code: "invalid", message: "tabId is required" } };
  if (!limits[MSG.OPEN_ACTION].take(String(tabId))) return limited();
  const found = findAction(await tabs.getTab(tabId), msg);
  const action = found?.action;
  if (!action || !isHttpsUrl(action.url)) return { ok: false, error: { code: "no_link", message: "This action has no https link." } };
  const opener = await ext.tabs.get(tabId).catch(() => null);
  const created = await ext.tabs.create({
    url: action.url,
    active: true,
    ...(opener ? { index: opener.index + 1, openerTabId: tabId } : {}),
  });
  if (action.steps.length || runnable(action.flow)) {
    await tabs.setGuidance(created.id, {
      url: action.url,
      label: action.label,
      kind: action.kind,
      steps: action.steps,
      caveats: action.caveats,
      serviceName: found.serviceName ?? null,
      recordTitle: found.recordTitle ?? null,
      flow: action.flow ?? null,
      phase: "guide",
      recordId: found.recordId ?? null,
      actionKey: action.key,
    });
  }
  return { ok: true, data: { tabId: created.id } };
}

async function reportProblem(msg, sender) {
  const state = await tabs.getTab(sender.tab.id);
  const annotation = state?.result?.annotations?.find((a) => a.id === msg.id);
  if (!annotation) return { ok: false, error: { code: "unknown_clause", message: "That clause is no longer on the page." } };
  if (!limits[MSG.REPORT_PROBLEM].take(String(sender.tab.id))) return limited();
  const { port } = await options.getOptions();
  return api.feedback(port, {
    record_id: annotation.record_id,
    category: annotation.category,
    url: reportAddress(state.url),
    exact: annotation.exact.slice(0, 4000),
    note: msg.note,
  });
}

async function serviceStatus() {
  const { port } = await options.getOptions();
  const answer = await api.health(port);
  return {
    running: answer.ok && answer.data?.status === "ok",
    busy: !answer.ok && busy(answer.error),
    port,
    command: startCommand(port),
    version: answer.ok ? String(answer.data?.version ?? "") : null,
    records: answer.ok && Number.isInteger(answer.data?.records) ? answer.data.records : null,
  };
}

async function tabUrl(tabId, state) {
  if (state?.url) return state.url;
  const tab = await ext.tabs.get(tabId).catch(() => null);
  return tab?.url ?? null;
}

async function getTabSummary(msg) {
  const status = await serviceStatus();
  let state = await tabs.getTab(msg.tabId);
  const url = await tabUrl(msg.tabId, state);
  if (status.running && url && /^https?:/.test(url) && !state?.site) {
    const answer = await api.site(status.port, url);
    if (answer.ok) state = await tabs.updateTab(msg.tabId, { url, site: checkSite(answer.data) });
  }
  let document = null;
  if (status.running && url && /^https?:/.test(url)) {
    const answer = await api.documentHistory(status.port, url);
    document = { watched: Boolean(answer.ok && answer.data?.document?.watched), kept: answer.ok };
  }
  const serviceId = state?.result?.service?.id || state?.site?.service?.id || null;
  return {
    ok: true,
    data: {
      status,
      url,
      pageStatus: state?.status ?? null,
      result: state?.result ?? null,
      site: state?.site ?? { service: null, actions: [] },
      document,
      optouts: status.running ? await optouts.forService(status.port, serviceId).catch(() => []) : [],
    },
  };
}

/** After injecting the content script, ask it this many times, this often, while its modules load. */
const INJECTED_START = Object.freeze({ attempts: 20, everyMs: 100 });

/** Ask the tab's content script to analyse now; inject it first where it is not running (older tabs). */
async function runAnalysisInTab(tabId) {
  const send = () => ext.tabs.sendMessage(tabId, { type: MSG.RUN_ANALYSIS }, { frameId: 0 });
  try {
    return await send();
  } catch {
    try {
      await ext.scripting.insertCSS({ target: { tabId }, files: ["content/highlights.css"] });
      await ext.scripting.executeScript({ target: { tabId }, files: ["content/loader.js"] });
    } catch (error) {
      return { ok: false, error: { code: "not_allowed", message: "TermsLens cannot read this page." } };
    }
    for (let attempt = 0; attempt < INJECTED_START.attempts; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, INJECTED_START.everyMs));
      try {
        return await send();
      } catch {
        // The module is still loading.
      }
    }
    return { ok: false, error: { code: "no_content_script", message: "TermsLens could not start on this page." } };
  }
}

async function showClause(msg) {
  try {
    return await ext.tabs.sendMessage(msg.tabId, { type: MSG.SCROLL_TO_CLAUSE, id: msg.id }, { frameId: 0 });
  } catch {
    return { ok: false, error: { code: "no_content_script", message: "The page is gone." } };
  }
}

const handlers = {
  [MSG.ANALYZE_PAGE]: analyzePage,
  [MSG.GET_PAGE_CONFIG]: getPageConfig,
  [MSG.CLEAR_PAGE]: async (msg, sender) => {
    await tabs.forgetResult(sender.tab.id);
    return { ok: true };
  },
  [MSG.REPORT_PROBLEM]: reportProblem,
  [MSG.DISMISS_GUIDANCE]: async (msg, sender) => {
    await tabs.setGuidance(sender.tab.id, null);
    return { ok: true };
  },
  [MSG.GUIDE_SET]: guideSet,
  [MSG.OPTOUT_VERIFIED]: (msg, sender) => optoutSeen(msg, sender, "verified"),
  [MSG.OPTOUT_LAPSED]: (msg, sender) => optoutSeen(msg, sender, "lapsed"),
  [MSG.OPEN_ACTION]: openAction,
  [MSG.MARK_READ]: markRead,
  [MSG.WATCH_DOCUMENT]: watchDocument,
  [MSG.GET_TAB_SUMMARY]: getTabSummary,
  [MSG.ANALYZE_TAB]: (msg) => runAnalysisInTab(msg.tabId),
  [MSG.SHOW_CLAUSE]: showClause,
  [MSG.GET_OPTIONS]: async () => ({ ok: true, data: await options.getOptions() }),
  [MSG.SET_OPTIONS]: async (msg) => ({ ok: true, data: await options.setOptions(msg) }),
  [MSG.CHECK_SERVICE]: async () => ({ ok: true, data: await serviceStatus() }),
};

function dispatcher(message, sender, sendResponse) {
  const kind = senderKind(sender);
  const allowed = kind === "content" ? CONTENT_MESSAGES : kind === "page" ? PAGE_MESSAGES : null;
  const problem = allowed ? messageProblem(message, allowed) : "unknown sender";
  if (problem) {
    console.warn("TermsLens: dropped a message:", problem);
    sendResponse({ ok: false, error: { code: "invalid_message", message: problem } });
    return false;
  }
  Promise.resolve()
    .then(() => handlers[message.type](message, sender, kind))
    .catch((error) => {
      console.error("TermsLens:", message.type, error);
      return { ok: false, error: { code: "internal", message: "Something went wrong inside the extension." } };
    })
    .then(sendResponse);
  return true;
}

function startListeners() {
  ext.runtime.onMessage.addListener(dispatcher);
  ext.tabs.onRemoved.addListener((tabId) => Object.values(limits).forEach((limiter) => limiter.forget(String(tabId))));
  options.startListeners();
  tabs.startListeners();
  menus.startListeners({ analyzeTab: runAnalysisInTab });
}

startListeners();
