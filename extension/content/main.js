/**
 * The content script: decides whether the page is analysed, reads its text, asks the worker, anchors the
 * clauses the service found, paints them and keeps them in step with the page as it changes. Each job is a
 * module of its own (session, text, clauses, highlight, markers, popover, watch, guide); this one wires them.
 *
 * State for tests and tools is one attribute, kept by content/session.js:
 * <html data-termslens-state="idle|analyzing|ready|busy|offline|unpaired|error">.
 *
 * A changing page is analysed again only when its words changed materially (content/change.js) and at most
 * once per REANALYZE_MIN_INTERVAL_MS; smaller changes only re-anchor the clauses already known.
 */
import { ext } from "../lib/browser.js";
import {
  FLASH_MS,
  MAX_TEXT_CHARS,
  PAGE_BUSY_RETRY,
  REANALYZE_MIN_INTERVAL_MS,
  REREAD_DEBOUNCE_MS,
  REREAD_MAX_WAIT_MS,
} from "../lib/constants.js";
import { MSG, TRIGGERS, WORKER_MESSAGES } from "../lib/messages.js";
import { messageProblem } from "../lib/validate.js";
import { formatDate } from "../lib/dom.js";
import { isMaterialChange } from "./change.js";
import { ChangeNotice, anchorChanges, buildChangeCard, clearChanges, paintChanges } from "./changes.js";
import { anchorClauses, needsReanchor } from "./clauses.js";
import { openGuide } from "./guide.js";
import { leadClause, movedIndex } from "./keyboard.js";
import { isDarkAround } from "./colors.js";
import { clear as clearHighlights, flash, paint } from "./highlight.js";
import { Markers, alone } from "./markers.js";
import { looksLikeTermsPage } from "./pagekind.js";
import { setGpcSending } from "./card.js";
import { CardPopover } from "./popover.js";
import { PAGE_STATES, PageSession } from "./session.js";
import { readPageText } from "./text.js";
import { isOurs, setTheme } from "./ui.js";
import { RereadTimer, WATCHED_ATTRIBUTES, significant } from "./watch.js";

const session = new PageSession(document.documentElement, location.href);
/** The analysis in flight, and whether the page changed while it ran (read it again afterwards). */
const flight = { running: null, again: false, dirty: false };

const markers = new Markers({
  enter: (id) => popover.markerEntered(id),
  leave: (id) => popover.markerLeft(id),
  focus: (id, byKeyboard) => popover.markerFocused(id, { byKeyboard }),
  blur: (id, next) => popover.markerBlurred(id, next),
  activate: (id) => popover.markerActivated(id),
  layout: () => popover.place(),
  key: (id, event) => {
    const ids = markers.shownIds();
    const next = movedIndex(event.key, ids.indexOf(id), ids.length, event);
    if (next === null) return;
    event.preventDefault();
    markers.focus(ids[next]);
  },
});
const popover = new CardPopover(markers, {
  onAction: (id, action) => send({ type: MSG.OPEN_ACTION, source: "annotation", id, action }),
  onReport: (id, note) => send({ type: MSG.REPORT_PROBLEM, id, note }),
});
const rereads = new RereadTimer(() => reread(), { debounceMs: REREAD_DEBOUNCE_MS, maxWaitMs: REREAD_MAX_WAIT_MS });

// What changed since the reader last read the page: its own marks, markers (in the right margin) and cards.
let changeMarks = [];
const changeMarkers = new Markers(
  {
    enter: (id) => changePopover.markerEntered(id),
    leave: (id) => changePopover.markerLeft(id),
    focus: (id) => changePopover.markerFocused(id),
    blur: (id, next) => changePopover.markerBlurred(id, next),
    activate: (id) => changePopover.markerActivated(id),
    layout: () => changePopover.place(),
  },
  {
    side: "right",
    group: alone,
    describe: (mark, number, total) => ({
      label: "Δ",
      className: `marker change${mark.change.material ? " material" : ""}`,
      ariaLabel: `Change ${number} of ${total} since you last read this page: ${mark.annotation.title}`,
      title: mark.annotation.title,
    }),
  },
);
const changePopover = new CardPopover(changeMarkers, {
  yieldTo: popover,
  build: (mark, { number, total, onClose }) =>
    buildChangeCard(mark.change, {
      number,
      total,
      lastReadAt: session.result?.changes?.last_read_at ? formatDate(session.result.changes.last_read_at) : null,
      onMarkRead: markRead,
      onClose,
    }),
});
const notice = new ChangeNotice({
  onMarkRead: markRead,
  onShowFirst: () => {
    const first = changeMarks.find((mark) => mark.range);
    if (first) changeMarkers.reveal(first.id);
  },
});

/** "Mark as read" on the notice or a change card: the service records it, and the marks go. */
async function markRead() {
  const reply = await send({ type: MSG.MARK_READ });
  if (reply.ok) clearChangeMarks();
  return reply;
}

/** Anchor and show the page's changes since it was last read (none: nothing shown). */
function drawChanges(pageText) {
  const changes = session.result?.changes ?? null;
  changeMarks = changes ? anchorChanges(changes.items, pageText) : [];
  paintChanges(changeMarks);
  changePopover.set(changeMarks, null);
  changeMarkers.set(changeMarks);
  notice.set(changes);
  document.documentElement.dataset.termslensChanges = String(changes?.summary.total ?? 0);
}

function clearChangeMarks() {
  if (session.result) session.result = { ...session.result, changes: null };
  changeMarks = [];
  clearChanges();
  changePopover.set([], null);
  changeMarkers.clear();
  notice.set(null);
  document.documentElement.dataset.termslensChanges = "0";
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
  if (flight.running) {
    flight.again = true;
    return flight.running;
  }
  flight.running = (async () => {
    session.setState(PAGE_STATES.ANALYZING);
    const started = performance.now();
    const read = pageText ?? readText();
    const readEnd = performance.now();
    const text = read.text.length > MAX_TEXT_CHARS ? read.text.slice(0, MAX_TEXT_CHARS) : read.text;
    if (!text.trim()) {
      session.setState(PAGE_STATES.READY);
      return { ok: true, data: { summary: { total: 0 } } };
    }
    const reply = await send({ type: MSG.ANALYZE_PAGE, url: location.href, title: document.title.slice(0, 2000), text, trigger });
    const replied = performance.now();
    if (!reply.ok) return failed(reply);
    session.busyRetries = 0;
    session.keep(reply.data, { text: read.text, trigger, url: location.href, now: replied });
    // The page may have changed while the service worked: anchor in the text as it is now.
    const current = flight.dirty ? readText() : read;
    flight.dirty = false;
    draw(current);
    session.setState(PAGE_STATES.READY);
    timings(started, readEnd, replied);
    return { ok: true, data: { summary: reply.data.summary } };
  })();
  try {
    return await flight.running;
  } finally {
    flight.running = null;
    if (flight.again) {
      flight.again = false;
      rereads.schedule();
    }
  }
}

/** The analysis failed: nothing stays painted, and the state says why (once in the console too). */
function failed(reply) {
  if (reply.error?.code === "auto_off") {
    session.setState(PAGE_STATES.IDLE);
    return reply;
  }
  if (reply.error?.code === "busy") {
    // Busy is not dead: keep what is painted, and ask again a little later (a few times).
    session.analysedAt = performance.now();
    session.setState(PAGE_STATES.BUSY);
    if (session.busyRetries < PAGE_BUSY_RETRY.times) {
      session.busyRetries += 1;
      session.text = "";
      rereads.scheduleIn(PAGE_BUSY_RETRY.afterMs);
    }
    return reply;
  }
  forget();
  session.failedUrl = location.href;
  const code = reply.error?.code;
  session.setState(code === "service_unavailable" ? PAGE_STATES.OFFLINE : code === "not_paired" ? PAGE_STATES.UNPAIRED : PAGE_STATES.ERROR);
  if (!session.warned) {
    console.warn(`TermsLens: ${reply.error?.message ?? "the analysis failed"}`);
    session.warned = true;
  }
  return reply;
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
  session.clauses = anchorClauses(session.result?.annotations ?? [], pageText);
  const first = session.clauses.find((c) => c.range);
  if (first) {
    const element = first.range.startContainer.parentElement;
    const theme = element && isDarkAround(element) ? "dark" : "light";
    document.documentElement.dataset.termslensTheme = theme;
    setTheme(theme);
  }
  paint(session.clauses);
  popover.set(session.clauses, session.result?.service?.name ?? null);
  markers.set(session.clauses);
  drawChanges(pageText);
}

/** Remove every trace of the analysis from the page. */
function forget() {
  clearHighlights();
  popover.set([], null);
  markers.clear();
  clearChangeMarks();
  session.forget();
}

/** Drop, before the next frame is drawn, highlights whose text nodes left the document. */
function dropDetached() {
  let dropped = false;
  for (const clause of session.clauses) {
    if (clause.range && clause.nodes.some((node) => !node.isConnected)) {
      clause.range = null;
      markers.hide(clause.id);
      popover.drop(clause.id);
      dropped = true;
    }
  }
  if (dropped) paint(session.clauses);
  let droppedChanges = false;
  for (const mark of changeMarks) {
    if (mark.range && mark.nodes.some((node) => !node.isConnected)) {
      mark.range = null;
      changeMarkers.hide(mark.id);
      changePopover.drop(mark.id);
      droppedChanges = true;
    }
  }
  if (droppedChanges) paintChanges(changeMarks);
}

/**
 * Whether an automatic analysis may run now; if not, the re-read is put off until it may.
 * @returns {boolean}
 */
function mayAnalyzeNow() {
  const wait = session.analysedAt ? session.analysedAt + REANALYZE_MIN_INTERVAL_MS - performance.now() : 0;
  if (wait <= 0) return true;
  rereads.scheduleIn(wait);
  return false;
}

/** After the page changed: follow a route change, re-anchor after a DOM shuffle, re-analyse changed text. */
async function reread() {
  const urlChanged = location.href !== session.url;
  session.url = location.href;
  if (!session.trigger) {
    if (session.failedUrl === location.href) return;
    if (session.autoAnalyze && looksLikeTermsPage(document, location.href) && mayAnalyzeNow()) await analyze(TRIGGERS.AUTO);
    return;
  }
  if (urlChanged && !(session.trigger === TRIGGERS.AUTO && looksLikeTermsPage(document, location.href))) {
    // A single-page app moved to another route: the highlights and results of the old one go with it, and
    // the new one is read only if it is a terms page (with automatic analysis on) or when asked again.
    forget();
    session.setState(PAGE_STATES.IDLE);
    await send({ type: MSG.CLEAR_PAGE });
    if (session.autoAnalyze && looksLikeTermsPage(document, location.href) && mayAnalyzeNow()) await analyze(TRIGGERS.AUTO);
    return;
  }
  const read = readText();
  // The same words, or only a few changed (a clock, a counter, a rotating word): re-anchor what is known.
  if (read.text === session.text || (session.text && !isMaterialChange(session.text, read.text))) {
    if (needsReanchor(session.clauses) || needsReanchor(changeMarks)) draw(read);
    return;
  }
  if (mayAnalyzeNow()) await analyze(TRIGGERS.UPDATE, read);
}

function watchPage() {
  const observer = new MutationObserver((records) => {
    if (session.clauses.length) dropDetached();
    if (location.href !== session.url || (significant(records, isOurs) && (session.trigger || session.autoAnalyze))) {
      flight.dirty = true;
      rereads.schedule();
    }
  });
  observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...WATCHED_ATTRIBUTES],
  });
  // Route changes that touch no DOM (rare) still count.
  window.addEventListener("popstate", () => rereads.schedule());
  window.addEventListener("hashchange", () => rereads.schedule());
  window.addEventListener("pagehide", () => {
    clearHighlights();
    popover.set([], null);
    markers.clear();
    clearChanges();
    changePopover.set([], null);
    changeMarkers.clear();
    notice.set(null);
  });
  window.addEventListener("pageshow", (event) => {
    // Back from the back/forward cache: the worker forgot this document, so tell it again.
    if (event.persisted && session.result) {
      session.text = "";
      analyze(session.trigger === TRIGGERS.REQUEST ? TRIGGERS.REQUEST : TRIGGERS.UPDATE);
    }
  });
}

function showClause(id) {
  const clause = session.clause(id);
  if (!clause?.range) return { ok: false, error: { code: "not_on_page", message: "This clause is no longer on the page." } };
  // Marked from the start, and for FLASH_MS after the scroll has brought it into view.
  flash(clause.range);
  markers.reveal(id).then(() => {
    flash(clause.range, FLASH_MS);
    // Chosen in the popup: the keyboard focus is on the clause too, so Tab and the arrows go on from there.
    markers.focus(id);
  });
  return { ok: true };
}

/** The keyboard shortcut: focus the page's lead clause (content/keyboard.js leadClause). */
function focusLeadClause() {
  const lead = leadClause(session.clauses, session.result?.digest ?? []);
  if (!lead) return { ok: false, error: { code: "no_clause", message: "No clause on this page." } };
  markers.focus(lead.id);
  return { ok: true, data: { id: lead.id } };
}

function onMessage(message, sender, sendResponse) {
  if (sender.id !== ext.runtime.id || messageProblem(message, WORKER_MESSAGES)) return false;
  if (message.type === MSG.RUN_ANALYSIS) {
    session.text = "";
    analyze(TRIGGERS.REQUEST).then(sendResponse);
    return true;
  }
  if (message.type === MSG.SCROLL_TO_CLAUSE) {
    sendResponse(showClause(message.id));
  }
  if (message.type === MSG.FOCUS_CLAUSE) {
    sendResponse(focusLeadClause());
  }
  if (message.type === MSG.CHANGES_READ) {
    clearChangeMarks();
    sendResponse({ ok: true });
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
  session.autoAnalyze = Boolean(config.ok && config.data?.autoAnalyze);
  setGpcSending(Boolean(config.ok && config.data?.sendGpc));
  if (config.ok && config.data?.guidance) {
    openGuide(config.data.guidance, {
      onDismiss: () => send({ type: MSG.DISMISS_GUIDANCE }),
      onSet: () => send({ type: MSG.GUIDE_SET }),
      onVerified: (state) => send({ type: MSG.OPTOUT_VERIFIED, state }),
      onLapsed: (state) => send({ type: MSG.OPTOUT_LAPSED, state }),
    });
  }
  watchPage();
  if (document.readyState !== "complete") window.addEventListener("load", () => rereads.schedule(), { once: true });
  if (session.autoAnalyze && looksLikeTermsPage(document, location.href)) await analyze(TRIGGERS.AUTO);
  else if (!session.trigger) session.setState(PAGE_STATES.IDLE);
}
