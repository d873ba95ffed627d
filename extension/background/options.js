/** The user's settings (port of the service, automatic analysis), kept in chrome.storage.local. */
import { ext } from "../lib/browser.js";
import { DEFAULT_OPTIONS } from "../lib/constants.js";

let cached = null;

/**
 * The current settings, defaults filled in.
 * @returns {Promise<{port: number, autoAnalyze: boolean}>}
 */
export async function getOptions() {
  if (!cached) {
    const stored = await ext.storage.local.get(Object.keys(DEFAULT_OPTIONS));
    cached = {
      port: Number.isInteger(stored.port) && stored.port > 0 && stored.port < 65536 ? stored.port : DEFAULT_OPTIONS.port,
      autoAnalyze: typeof stored.autoAnalyze === "boolean" ? stored.autoAnalyze : DEFAULT_OPTIONS.autoAnalyze,
    };
  }
  return { ...cached };
}

/**
 * Store new settings (already validated by the dispatcher).
 * @param {{port: number, autoAnalyze: boolean}} options
 */
export async function setOptions({ port, autoAnalyze }) {
  await ext.storage.local.set({ port, autoAnalyze });
  cached = { port, autoAnalyze };
  return { ...cached };
}

/** Drop the cached settings whenever storage changes (called once by the worker at start). */
export function startListeners() {
  // Another extension page (or a test) may write the storage directly; never serve a stale port.
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && (changes.port || changes.autoAnalyze)) cached = null;
  });
}
