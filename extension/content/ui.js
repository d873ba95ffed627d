/**
 * The extension's one element in the page: <termslens-ui>, a zero-size box at the document's origin whose
 * shadow root holds the markers, cards and the opt-out guide. Placed after <body>, so the page text the
 * extension reads never includes it, and positioned in document coordinates, so its children scroll with
 * the page.
 *
 * The root is closed, and this module's `layer` is the only reference to it: the page's scripts see the host
 * element and nothing inside (host.shadowRoot is null, events from inside reach them retargeted to the host,
 * composedPath() stops there). This module is web-accessible, but a page that imports it gets its own copy in
 * its own world, with no reference to ours. Tests read the root from the content script's isolated world
 * (chrome.dom.openOrClosedShadowRoot), which no page can enter.
 */
import { UI_CSS } from "./ui-style.js";

export const HOST_TAG = "termslens-ui";
const HOST_STYLE =
  "all: initial !important; display: block !important; position: absolute !important; top: 0 !important; " +
  "left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; " +
  "z-index: 2147483647 !important; pointer-events: auto !important; visibility: visible !important;";

let layer = null;

/**
 * The shadow root's top element, created on first use.
 * @returns {{host: HTMLElement, root: ShadowRoot, layer: HTMLElement}}
 */
export function getLayer() {
  if (layer && layer.host.isConnected) return layer;
  const host = document.createElement(HOST_TAG);
  host.setAttribute("style", HOST_STYLE);
  const root = host.attachShadow({ mode: "closed" });
  adoptStyle(root, UI_CSS);
  const top = document.createElement("div");
  top.className = "layer";
  root.appendChild(top);
  document.documentElement.appendChild(host);
  layer = { host, root, layer: top };
  return layer;
}

/**
 * Whether `node` is (inside) the extension's element, so page-change detection can ignore it.
 * @param {Node} node
 * @returns {boolean}
 */
export function isOurs(node) {
  return Boolean(layer && (node === layer.host || layer.host.contains(node)));
}

/** Take the extension's element out of the page. */
export function removeLayer() {
  layer?.host.remove();
  layer = null;
}

function adoptStyle(root, css) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Constructed stylesheets are missing from some content-script worlds; a <style> in the shadow root is
    // the fallback (a strict page CSP may block it, and then the UI is unstyled but still works).
    const style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }
}
