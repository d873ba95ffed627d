/**
 * Global Privacy Control (issue 15): while the "Send Global Privacy Control" option is on, every request
 * carries `Sec-GPC: 1` (one declarativeNetRequest dynamic rule) and pages see
 * `navigator.globalPrivacyControl === true` (content/gpc-main.js, registered into the page's MAIN world only
 * while the option is on). Off (the default), neither exists. The spec: https://privacycg.github.io/gpc-spec/
 */
import { ext } from "../lib/browser.js";

/** The dynamic rule's id (the extension's only dynamic rule). */
export const GPC_RULE_ID = 1;
export const GPC_SCRIPT_ID = "termslens-gpc";

const ALL_RESOURCE_TYPES = [
  "main_frame", "sub_frame", "stylesheet", "script", "image", "font", "object", "xmlhttprequest", "ping",
  "csp_report", "media", "websocket", "other",
];

const GPC_RULE = Object.freeze({
  id: GPC_RULE_ID,
  priority: 1,
  action: { type: "modifyHeaders", requestHeaders: [{ header: "Sec-GPC", operation: "set", value: "1" }] },
  condition: { regexFilter: "^https?://", resourceTypes: ALL_RESOURCE_TYPES },
});

/**
 * Make the browser's state match the option: the header rule and the MAIN-world script present exactly when
 * `on`. Safe to call again (at start, and on every change of the option).
 * @param {boolean} on
 */
export async function applyGpc(on) {
  const dnr = ext.declarativeNetRequest;
  if (dnr) {
    await dnr.updateDynamicRules({ removeRuleIds: [GPC_RULE_ID], addRules: on ? [GPC_RULE] : [] });
  }
  const registered = await ext.scripting.getRegisteredContentScripts({ ids: [GPC_SCRIPT_ID] }).catch(() => []);
  if (on && !registered.length) {
    await ext.scripting.registerContentScripts([
      {
        id: GPC_SCRIPT_ID,
        js: ["content/gpc-main.js"],
        matches: ["http://*/*", "https://*/*"],
        runAt: "document_start",
        allFrames: true,
        world: "MAIN",
        persistAcrossSessions: true,
      },
    ]);
  } else if (!on && registered.length) {
    await ext.scripting.unregisterContentScripts({ ids: [GPC_SCRIPT_ID] });
  }
}
