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

/** One CSS Custom Highlight per severity (styled in content/highlights.css), plus one for the clause being
 * pointed at from the popup. */
export const HIGHLIGHT_NAMES = Object.freeze({
  ...Object.fromEntries(SEVERITIES.map((severity) => [severity, `termslens-${severity}`])),
  focus: "termslens-focus",
});

export const TIMEOUTS = Object.freeze({
  health: 1500, // the popup waits on this; a local service answers in a few ms
  analyze: 20000, // a 1 MB page takes about a second on a slow machine
  feedback: 5000,
});

/** Re-read a changed page this long after the last significant DOM change, but at least this often. */
export const REREAD_DEBOUNCE_MS = 400;
export const REREAD_MAX_WAIT_MS = 2000;

/** How long a clause stays flashed after the popup points at it. */
export const FLASH_MS = 1800;

/** The default settings, as stored in chrome.storage.local. */
export const DEFAULT_OPTIONS = Object.freeze({ port: DEFAULT_PORT, autoAnalyze: true });

/**
 * The command that starts the service, as the popup shows it.
 * @param {number} port
 * @returns {string}
 */
export function startCommand(port) {
  return port === DEFAULT_PORT ? "termslens serve" : `termslens serve --port ${port}`;
}
