/**
 * Every message type the extension sends, in one place: grep for a quoted type string finds only this file.
 * Senders write `sendMessage({type: MSG.X, ...})`; receivers check the type against the sets below.
 * A clause is named by its annotation `id`, an action by its key within that clause or record (see
 * lib/identity.js); no message names a clause by its position or carries a link to open.
 */
export const MSG = Object.freeze({
  // content script → worker
  ANALYZE_PAGE: "analyzePage", // {url, title, text, trigger} → {service, summary, annotations}
  GET_PAGE_CONFIG: "getPageConfig", // {url} → {autoAnalyze, sendGpc, guidance | null}
  CLEAR_PAGE: "clearPage", // {} the page left its terms route: forget its results
  REPORT_PROBLEM: "reportProblem", // {id, note} "this looks wrong" on a clause card
  DISMISS_GUIDANCE: "dismissGuidance", // {} the guidance panel was closed
  GUIDE_SET: "guideSet", // {} the flow's control shows the wanted state: verify after the reload
  OPTOUT_VERIFIED: "optoutVerified", // {state} the guide read the wanted state after a reload (or on a watched page)
  OPTOUT_LAPSED: "optoutLapsed", // {state} on a watched settings page the control is back in the unwanted state
  // content script or popup → worker
  MARK_READ: "markRead", // {tabId?} the page's changes since it was last read are acknowledged
  // content script or popup → worker
  OPEN_ACTION: "openAction", // {tabId?, source: "annotation"|"site", id (clause or record), action (key)}
  // popup / options → worker
  GET_TAB_SUMMARY: "getTabSummary", // {tabId} → {status, port, result, site}
  ANALYZE_TAB: "analyzeTab", // {tabId}
  SHOW_CLAUSE: "showClause", // {tabId, id}
  GET_OPTIONS: "getOptions", // {} → {port, autoAnalyze, sendGpc}
  SET_OPTIONS: "setOptions", // {port, autoAnalyze, sendGpc}
  CHECK_SERVICE: "checkService", // {} → {running, port, version, records}
  WATCH_DOCUMENT: "watchDocument", // {tabId, watch} watch (or stop watching) the tab's document for changes
  // worker → content script
  RUN_ANALYSIS: "runAnalysis", // {} analyse this page now (popup button, context menu)
  SCROLL_TO_CLAUSE: "scrollToClause", // {id}
  CHANGES_READ: "changesRead", // {} the page's changes were marked as read (from the popup): clear their marks
});

/** How an analysis started (ANALYZE_PAGE's `trigger`): a legal page opened, the user asked, the page changed. */
export const TRIGGERS = Object.freeze({ AUTO: "auto", REQUEST: "request", UPDATE: "update" });

/** Types a content script may send; anything else from a web page's frame is dropped. */
export const CONTENT_MESSAGES = new Set([
  MSG.ANALYZE_PAGE,
  MSG.GET_PAGE_CONFIG,
  MSG.CLEAR_PAGE,
  MSG.REPORT_PROBLEM,
  MSG.DISMISS_GUIDANCE,
  MSG.GUIDE_SET,
  MSG.OPTOUT_VERIFIED,
  MSG.OPTOUT_LAPSED,
  MSG.OPEN_ACTION,
  MSG.MARK_READ,
]);

/** Types the extension's own pages (popup, options) may send. */
export const PAGE_MESSAGES = new Set([
  MSG.OPEN_ACTION,
  MSG.GET_TAB_SUMMARY,
  MSG.ANALYZE_TAB,
  MSG.SHOW_CLAUSE,
  MSG.GET_OPTIONS,
  MSG.SET_OPTIONS,
  MSG.CHECK_SERVICE,
  MSG.MARK_READ,
  MSG.WATCH_DOCUMENT,
]);

/** Types the worker sends to content scripts. */
export const WORKER_MESSAGES = new Set([MSG.RUN_ANALYSIS, MSG.SCROLL_TO_CLAUSE, MSG.CHANGES_READ]);
