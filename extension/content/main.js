/**
 * The content script: decides whether the page is analysed, reads its text, asks the worker, anchors the
 * clauses the service found, paints them and keeps them in step with the page as it changes.
 *
 * State for tests and tools is one attribute: <html data-termslens-state="idle|analyzing|ready|offline|error">.
 */
import { ext } from "../lib/browser.js";
import { FLASH_MS, MAX_TEXT_CHARS, REREAD_DEBOUNCE_MS, REREAD_MAX_WAIT_MS } from "../lib/constants.js";
import { MSG, WORKER_MESSAGES } from "../lib/messages.js";
import { messageProblem } from "../lib/validate.js";
import { anchorQuote } from "./anchor.js";
import { GuidePanel } from "./guide.js";
import { clear as clearHighlights, flash, isDarkAround, paint } from "./highlight.js";
import { ClauseMarkers } from "./markers.js";
import { looksLikeTermsPage } from "./pagekind.js";
import { readPageText } from "./text.js";
import { isOurs } from "./ui.js";

const page = {
  autoAnalyze: false,
  /** How the current analysis started: "auto", "request", or null when the page is not analysed. */
  trigger: null,
  url: location.href,
  /** The text last sent (or re-checked), to tell a real change from a DOM shuffle. */
  text: "",
  result: null,
  clauses: [],
  running: null,
  again: false,
  warned: false,
  /** The address where the last automatic analysis failed: page changes there do not retry it. */
  failedUrl: null,
  dirty: false,
  guide: null,
};

const markers = new ClauseMarkers({
  onAction: (index, actionIndex) => send({ type: MSG.OPEN_ACTION, source: "annotation", index, actionIndex }),
  onReport: (index, note) => send({ type: MSG.REPORT_PROBLEM, index, note }),
});

function setState(state) {
  document.documentElement.dataset.termslensState = state;
}

async function send(message) {
  try {
    return (await ext.runtime.sendMessage(message)) ?? { ok: false, error: { code: "no_reply", message: "No reply." } };
  } catch (error) {
    // The extension was reloaded or updated: this page's script is orphaned and stays quiet.
    return { ok: false, error: { code: "disconnected", message: String(error?.message ?? error) } };
  }
}

function readText() {
  return readPageText(document.body, { skip: (element) => isOurs(element) });
}

/**
 * Analyse the page: read, ask the worker, anchor, paint.
 * @param {"auto"|"request"|"update"} trigger
 * @param {import("./text.js").PageText} [pageText] the text just read, if the caller has it
 */
async function analyze(trigger, pageText = null) {
  if (page.running) {
    page.again = true;
    return page.running;
  }
  page.running = (async () => {
    setState("analyzing");
    const started = performance.now();
    const read = pageText ?? readText();
    const readEnd = performance.now();
    const text = read.text.length > MAX_TEXT_CHARS ? read.text.slice(0, MAX_TEXT_CHARS) : read.text;
    if (!text.trim()) {
      setState("ready");
      return { ok: true, data: { summary: { total: 0 } } };
    }
    const reply = await send({ type: MSG.ANALYZE_PAGE, url: location.href, title: document.title.slice(0, 2000), text, trigger });
    const replied = performance.now();
    if (!reply.ok) {
      if (reply.error?.code === "auto_off") {
        setState("idle");
        return reply;
      }
      forget();
      page.failedUrl = location.href;
      setState(reply.error?.code === "service_unavailable" ? "offline" : "error");
      if (!page.warned) {
        console.warn(`TermsLens: ${reply.error?.message ?? "the analysis failed"}`);
        page.warned = true;
      }
      return reply;
    }
    page.failedUrl = null;
    page.trigger = trigger === "update" ? page.trigger ?? "auto" : trigger;
    page.url = location.href;
    page.text = read.text;
    page.result = reply.data;
    // The page may have changed while the service worked: anchor in the text as it is now.
    const current = page.dirty ? readText() : read;
    page.dirty = false;
    draw(current);
    setState("ready");
    timings(started, readEnd, replied);
    return { ok: true, data: { summary: reply.data.summary } };
  })();
  try {
    return await page.running;
  } finally {
    page.running = null;
    if (page.again) {
      page.again = false;
      scheduleReread();
    }
  }
}

/**
 * Record where the time went (benchmarks/bench_extension.py reads these): reading the page, the service's
 * round trip, anchoring and painting, and "termslens-drawn" once the frame with the highlights is out.
 */
function timings(started, readEnd, replied) {
  try {
    const painted = performance.now();
    performance.measure("termslens:read", { start: started, end: readEnd });
    performance.measure("termslens:service", { start: readEnd, end: replied });
    performance.measure("termslens:anchor-paint", { start: replied, end: painted });
    performance.mark("termslens-painted");
    requestAnimationFrame(() => setTimeout(() => performance.mark("termslens-drawn"), 0));
  } catch {
    // The User Timing API is missing: nothing to record.
  }
}

/** Anchor the result's clauses in `pageText` and paint them. */
function draw(pageText) {
  const annotations = page.result?.annotations ?? [];
  page.clauses = annotations.map((annotation, index) => {
    const found = anchorQuote(pageText.text, {
      exact: annotation.exact,
      prefix: annotation.prefix,
      suffix: annotation.suffix,
      hint: annotation.start_utf16,
    });
    let range = null;
    try {
      range = found ? pageText.toRange(found.start, found.end) : null;
    } catch {
      range = null;
    }
    return {
      index,
      annotation,
      severity: annotation.severity,
      range,
      nodes: range ? [range.startContainer, range.endContainer] : [],
    };
  });
  const first = page.clauses.find((c) => c.range);
  if (first) {
    const element = first.range.startContainer.parentElement;
    document.documentElement.dataset.termslensTheme = element && isDarkAround(element) ? "dark" : "light";
  }
  paint(page.clauses);
  markers.set(page.clauses, page.result?.service?.name ?? null);
}

/** Remove every trace of the analysis from the page. */
function forget() {
  clearHighlights();
  markers.clear();
  page.clauses = [];
  page.result = null;
  page.trigger = null;
  page.text = "";
}

/** Drop, before the next frame is drawn, highlights whose text nodes left the document. */
function dropDetached() {
  let dropped = false;
  for (const clause of page.clauses) {
    if (clause.range && clause.nodes.some((node) => !node.isConnected)) {
      clause.range = null;
      markers.hide(clause.index);
      dropped = true;
    }
  }
  if (dropped) paint(page.clauses);
}

// Re-reading after changes: debounced, with a ceiling so a page that never stops changing still updates.
let rereadTimer = 0;
let firstChangeAt = 0;

function scheduleReread() {
  const now = performance.now();
  if (!firstChangeAt) firstChangeAt = now;
  clearTimeout(rereadTimer);
  const wait = Math.max(0, Math.min(REREAD_DEBOUNCE_MS, firstChangeAt + REREAD_MAX_WAIT_MS - now));
  rereadTimer = setTimeout(() => {
    firstChangeAt = 0;
    reread();
  }, wait);
}

async function reread() {
  const urlChanged = location.href !== page.url;
  page.url = location.href;
  if (!page.trigger) {
    if (page.failedUrl === location.href) return;
    if (page.autoAnalyze && looksLikeTermsPage(document, location.href)) await analyze("auto");
    return;
  }
  if (urlChanged && !(page.trigger === "auto" && looksLikeTermsPage(document, location.href))) {
    // A single-page app moved to another route: the highlights and results of the old one go with it, and
    // the new one is read only if it is a terms page (with automatic analysis on) or when asked again.
    forget();
    setState("idle");
    await send({ type: MSG.CLEAR_PAGE });
    if (page.autoAnalyze && looksLikeTermsPage(document, location.href)) await analyze("auto");
    return;
  }
  const read = readText();
  if (read.text === page.text) {
    if (page.clauses.some((c) => !c.range) || page.clauses.some((c) => c.nodes.some((n) => !n.isConnected))) draw(read);
    return;
  }
  await analyze("update", read);
}

function significant(records) {
  for (const record of records) {
    if (isOurs(record.target)) continue;
    if (record.type === "characterData") return true;
    if (record.type === "attributes") return true;
    for (const node of [...record.addedNodes, ...record.removedNodes]) {
      if (isOurs(node)) continue;
      if (node.nodeType === Node.ELEMENT_NODE || (node.nodeType === Node.TEXT_NODE && node.data.trim())) return true;
    }
  }
  return false;
}

function watchPage() {
  const observer = new MutationObserver((records) => {
    if (page.clauses.length) dropDetached();
    if (location.href !== page.url || (significant(records) && (page.trigger || page.autoAnalyze))) {
      page.dirty = true;
      scheduleReread();
    }
  });
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["hidden", "open", "class", "style", "aria-hidden", "aria-expanded"],
  });
  // Route changes that touch no DOM (rare) still count.
  window.addEventListener("popstate", scheduleReread);
  window.addEventListener("hashchange", scheduleReread);
  window.addEventListener("pagehide", () => {
    clearHighlights();
    markers.clear();
  });
  window.addEventListener("pageshow", (event) => {
    // Back from the back/forward cache: the worker forgot this document, so tell it again.
    if (event.persisted && page.result) {
      page.text = "";
      analyze(page.trigger === "request" ? "request" : "update");
    }
  });
}

function showClause(index) {
  const clause = page.clauses.find((c) => c.index === index);
  if (!clause?.range) return { ok: false, error: { code: "not_on_page", message: "This clause is no longer on the page." } };
  // Marked from the start, and for FLASH_MS after the scroll has brought it into view.
  flash(clause.range);
  markers.reveal(index).then(() => flash(clause.range, FLASH_MS));
  return { ok: true };
}

function onMessage(message, sender, sendResponse) {
  if (sender.id !== ext.runtime.id || messageProblem(message, WORKER_MESSAGES)) return false;
  if (message.type === MSG.RUN_ANALYSIS) {
    page.text = "";
    analyze("request").then(sendResponse);
    return true;
  }
  if (message.type === MSG.SCROLL_TO_CLAUSE) {
    sendResponse(showClause(message.index));
  }
  return false;
}

let started = false;

/** Resolves once the document is parsed (DOMContentLoaded). */
function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

/**
 * Entry point, called once by content/loader.js. The loader runs at document_start, so this module and the
 * worker's answer arrive while the page is still loading; the page is read as soon as it is parsed, and
 * once more after the load event in case late stylesheets changed what is visible.
 */
export async function start() {
  if (started) return;
  started = true;
  ext.runtime.onMessage.addListener(onMessage);
  const asked = send({ type: MSG.GET_PAGE_CONFIG, url: location.href });
  await parsed();
  const config = await asked;
  page.autoAnalyze = Boolean(config.ok && config.data?.autoAnalyze);
  if (config.ok && config.data?.guidance) {
    page.guide = new GuidePanel(config.data.guidance, {
      onDismiss: () => {
        page.guide = null;
        send({ type: MSG.DISMISS_GUIDANCE });
      },
    });
  }
  watchPage();
  if (document.readyState !== "complete") window.addEventListener("load", () => scheduleReread(), { once: true });
  if (page.autoAnalyze && looksLikeTermsPage(document, location.href)) await analyze("auto");
  else if (!page.trigger) setState("idle");
}
