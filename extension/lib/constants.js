/**
 * Named values shared by the worker, the content scripts and the extension pages. Value lists the service
 * also knows (severities, stances, action kinds, categories) come from lib/vocabulary.js, generated from the
 * service's schemas; this file only adds what is the extension's own.
 */
import { SEVERITIES } from "./vocabulary.js";

export { SEVERITIES };

export const DEFAULT_PORT = 8767;
export const SERVICE_HOST = "127.0.0.1";

/** The service's own limit on text (termslens/config.py MAX_TEXT_CHARS); longer pages are cut to it. */
export const MAX_TEXT_CHARS = 1_000_000;

/** One CSS Custom Highlight per severity (styled in content/highlights.css), one for the clause being
 * pointed at from the popup, and one for the passages changed since the reader last read the page. */
export const HIGHLIGHT_NAMES = Object.freeze({
  ...Object.fromEntries(SEVERITIES.map((severity) => [severity, `termslens-${severity}`])),
  focus: "termslens-focus",
  change: "termslens-change",
});

export const TIMEOUTS = Object.freeze({
  health: 1500, // the popup waits on this; a local service answers in a few ms (a timeout means busy, not gone)
  analyze: 20000, // a 1 MB page takes about a second on a slow machine
  feedback: 5000,
  history: 5000, // marking as read, watching: small local writes
});

/**
 * Retrying an analysis the service was too busy for (a 503 "busy", or no answer within the timeout): up to
 * `retries` more tries, waiting `baseMs`, then twice as long each time, at most `maxMs`, or the service's
 * Retry-After when it asks for longer (up to `maxMs`). Three tries over about 3 s ride out a burst of other
 * clients without making the page wait long for a service that stays busy.
 */
export const BUSY_RETRY = Object.freeze({ retries: 2, baseMs: 1000, maxMs: 8000 });

/**
 * How often the popup asks again while the service is busy: doubling from 1 s to at most 8 s. It shows
 * "busy, retrying…" meanwhile and stops when closed.
 */
export const POPUP_BUSY_RETRY = Object.freeze({ baseMs: 1000, maxMs: 8000 });

/**
 * A page that found the service busy asks again after this long, at most `times` times; after that it waits
 * for the next change or for the user. The worker has already retried for a few seconds by then.
 */
export const PAGE_BUSY_RETRY = Object.freeze({ afterMs: 15000, times: 3 });

/**
 * What the worker allows per tab, whoever asks: a person reports a clause or opens an action a few times a
 * minute at most; a page that could drive the UI (issue 10: 10 reports, a phishing tab without a click) gets
 * no further than this.
 */
export const RATE_LIMITS = Object.freeze({
  report: Object.freeze({ count: 3, windowMs: 60_000 }),
  openAction: Object.freeze({ count: 4, windowMs: 60_000 }),
});

/** Re-read a changed page this long after the last significant DOM change, but at least this often. */
export const REREAD_DEBOUNCE_MS = 400;
export const REREAD_MAX_WAIT_MS = 2000;

/**
 * A changing page is analysed again at most once per this long (user requests excepted). An analysis of a
 * 100 KB page costs the service 0.1-0.3 s of a core; a page rewriting itself every 300 ms kept it at 68% of a
 * core (issue 10). One analysis per 5 s bounds that to a few percent, and a section a reader opens is still
 * explained within seconds. Which changes count at all is content/change.js.
 */
export const REANALYZE_MIN_INTERVAL_MS = 5000;

/** How long a clause stays flashed after the popup points at it. */
export const FLASH_MS = 1800;

/** The default settings, as stored in chrome.storage.local. */
export const DEFAULT_OPTIONS = Object.freeze({ port: DEFAULT_PORT, autoAnalyze: true, sendGpc: false });

/**
 * The command that starts the service, as the popup shows it.
 * @param {number} port
 * @returns {string}
 */
export function startCommand(port) {
  return port === DEFAULT_PORT ? "termslens serve" : `termslens serve --port ${port}`;
}
