/** Named values shared by the worker, the content scripts and the extension pages. */

export const DEFAULT_PORT = 8767;
export const SERVICE_HOST = "127.0.0.1";
/** The service's own limit on text (termslens/config.py MAX_TEXT_CHARS); longer pages are cut to it. */
export const MAX_TEXT_CHARS = 1_000_000;

export const SEVERITIES = Object.freeze(["high", "medium", "low"]);
/** One CSS Custom Highlight per severity, plus one for the clause being pointed at from the popup or a card. */
export const HIGHLIGHT_NAMES = Object.freeze({
  high: "termslens-high",
  medium: "termslens-medium",
  low: "termslens-low",
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

/** The command that starts the service, as the popup shows it. */
export function startCommand(port) {
  return port === DEFAULT_PORT ? "termslens serve" : `termslens serve --port ${port}`;
}
