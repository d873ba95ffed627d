/** The user's settings (port of the service, automatic analysis, Global Privacy Control), kept in chrome.storage.local. */
import { ext } from "../lib/browser.js";
import { DEFAULT_OPTIONS } from "../lib/constants.js";
import { applyGpc } from "./gpc.js";

let cached = null;

/**
 * The current settings, defaults filled in.
 * @returns {Promise<{port: number, autoAnalyze: boolean, sendGpc: boolean}>}
 */
export async function getOptions() {
  if (!cached) {
    const stored = await ext.storage.local.get(Object.keys(DEFAULT_OPTIONS));
    cached = {
      port: Number.isInteger(stored.port) && stored.port > 0 && stored.port < 65536 ? stored.port : DEFAULT_OPTIONS.port,
      autoAnalyze: typeof stored.autoAnalyze === "boolean" ? stored.autoAnalyze : DEFAULT_OPTIONS.autoAnalyze,
      sendGpc: typeof stored.sendGpc === "boolean" ? stored.sendGpc : DEFAULT_OPTIONS.sendGpc,
    };
  }
  return { ...cached };
}

/**
 * Store new settings (already validated by the dispatcher) and apply Global Privacy Control at once.
 * @param {{port: number, autoAnalyze: boolean, sendGpc?: boolean}} options `sendGpc` left out keeps it as it is
 */
export async function setOptions({ port, autoAnalyze, sendGpc }) {
  const current = await getOptions();
  const next = { port, autoAnalyze, sendGpc: typeof sendGpc === "boolean" ? sendGpc : current.sendGpc };
  await ext.storage.local.set(next);
  cached = next;
  await applyGpc(next.sendGpc);
  return { ...cached };
}

/** Drop the cached settings whenever storage changes, and bring GPC in line at start (called once by the worker). */
export function startListeners() {
  // Another extension page (or a test) may write the storage directly; never serve a stale port.
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && (changes.port || changes.autoAnalyze || changes.sendGpc)) cached = null;
  });
  // The dynamic rule and the registered script persist, but a profile copied or an update may leave them out
  // of step with the option: the option decides.
  getOptions()
    .then(({ sendGpc }) => applyGpc(sendGpc))
    .catch((error) => console.warn("TermsLens: could not apply Global Privacy Control:", error));
}
