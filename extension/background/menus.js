/** The context menu entry "Analyse this page with TermsLens", for pages not analysed automatically. */
import { ext } from "../lib/browser.js";

const MENU_ID = "termslens-analyze";

/**
 * @param {{analyzeTab: (tabId: number) => Promise<unknown>}} actions
 */
export function startListeners({ analyzeTab }) {
  const menusApi = ext.contextMenus ?? ext.menus;
  if (!menusApi) return;
  ext.runtime.onInstalled.addListener(async () => {
    // Promise forms: Firefox's browser.menus takes no callbacks.
    await menusApi.removeAll();
    menusApi.create({
      id: MENU_ID,
      title: "Analyse this page with TermsLens",
      contexts: ["page", "selection"],
      documentUrlPatterns: ["http://*/*", "https://*/*"],
    });
  });
  menusApi.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab && Number.isInteger(tab.id)) analyzeTab(tab.id);
  });
}
