/**
 * What the content script knows about the page it runs in: one session per document, holding the state
 * (idle, analysing, ready, busy, offline, error), how the analysis started, the text it was based on, the
 * service's answer and the clauses anchored from it. The state is mirrored to
 * <html data-termslens-state="…">, which tests and curious users read; it is written nowhere else.
 * No extension API here, so Node can test it.
 */
import { TRIGGERS } from "../lib/messages.js";

/** The states of a page, as <html data-termslens-state> shows them. */
export const PAGE_STATES = Object.freeze({
  IDLE: "idle", // not analysed: not a legal page, automatic analysis off, or left its terms route
  ANALYZING: "analyzing", // the text is with the service
  READY: "ready", // the clauses are painted (possibly none)
  BUSY: "busy", // the service runs but was too busy to answer; the page asks again later
  OFFLINE: "offline", // the service is not running
  ERROR: "error", // the service answered with an error
});

const KNOWN = new Set(Object.values(PAGE_STATES));

/**
 * @typedef {{id: string, annotation: object, severity: string, range: Range|null, nodes: Node[]}} Clause
 */

export class PageSession {
  /**
   * @param {HTMLElement} root the element that carries data-termslens-state (document.documentElement)
   * @param {string} url the document's address when the session starts
   */
  constructor(root, url) {
    this.root = root;
    this.autoAnalyze = false;
    /** How the current analysis started: "auto", "request", or null when the page is not analysed. */
    this.trigger = null;
    this.url = url;
    /** The text the current result was computed from, to tell a real change from a DOM shuffle. */
    this.text = "";
    /** When the last analysis ended (performance.now()), for the re-analysis cap; 0: never. */
    this.analysedAt = 0;
    this.result = null;
    /** @type {Clause[]} */
    this.clauses = [];
    /** The address where the last automatic analysis failed: page changes there do not retry it. */
    this.failedUrl = null;
    this.warned = false;
    /** How many times this page has asked again after finding the service busy. */
    this.busyRetries = 0;
    this.state = null;
  }

  /**
   * Move to `state` and show it on the root element.
   * @param {string} state one of PAGE_STATES
   */
  setState(state) {
    if (!KNOWN.has(state)) throw new RangeError(`unknown page state ${state}`);
    this.state = state;
    this.root.dataset.termslensState = state;
  }

  /**
   * Keep a new result: the text it was computed from and how the analysis started.
   * @param {object} result a checked analysis (lib/validate.js checkAnalysis)
   * @param {{text: string, trigger: string, url: string, now: number}} how
   */
  keep(result, { text, trigger, url, now }) {
    this.failedUrl = null;
    // A page's own re-read continues the analysis that was allowed before.
    this.trigger = trigger === TRIGGERS.UPDATE ? this.trigger ?? TRIGGERS.AUTO : trigger;
    this.url = url;
    this.text = text;
    this.result = result;
    this.analysedAt = now;
  }

  /** Forget the result (the page moved on or the analysis failed). */
  forget() {
    this.clauses = [];
    this.result = null;
    this.trigger = null;
    this.text = "";
  }

  /**
   * The clause named `id`, if it is on the page.
   * @param {string} id an annotation id
   * @returns {Clause|undefined}
   */
  clause(id) {
    return this.clauses.find((clause) => clause.id === id);
  }
}
