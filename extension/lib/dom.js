/**
 * Building DOM from data without ever parsing it as HTML: every string becomes a Text node or an attribute
 * value. Record and page text goes through here (or textContent), never through innerHTML.
 */

/**
 * Whether an event comes from the person using the browser: dispatched by the browser itself (not by a
 * script's dispatchEvent or click()), while the page has transient user activation (a real click or key
 * press just happened). Page scripts can forge neither, so the extension's UI acts only on such events.
 * @param {Event} event
 * @returns {boolean}
 */
export function isUserGesture(event) {
  return event.isTrusted === true && (globalThis.navigator?.userActivation?.isActive ?? true);
}

/**
 * A listener that runs `handler` only for trusted events (see isUserGesture for what a page can forge).
 * @template {Event} E
 * @param {(event: E) => void} handler
 * @returns {(event: E) => void}
 */
export function trusted(handler) {
  return (event) => {
    if (event.isTrusted === true) handler(event);
  };
}

/**
 * Close `element` (a card) with the Escape key pressed inside it, a person's press only; the key goes no
 * further (the page does not see it).
 * @param {HTMLElement} element
 * @param {() => void} onClose
 */
export function closeOnEscape(element, onClose) {
  element.addEventListener(
    "keydown",
    trusted((event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        onClose();
      }
    }),
  );
}

/**
 * An element with attributes and children.
 * @param {string} tag
 * @param {Record<string, string|number|boolean|null|undefined|Function>} [attrs] `on*` keys add listeners that
 *   act only on trusted events (trusted()); `false`/null/undefined values are left out, `true` sets an empty
 *   attribute
 * @param {...(Node|string|number|null|undefined|false|Array)} children strings become Text nodes
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), trusted(value));
    } else if (name === "dataset" && typeof value === "object") {
      for (const [key, data] of Object.entries(value)) element.dataset[key] = String(data);
    } else {
      element.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === "string" || typeof child === "number") parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/**
 * An inline SVG icon from a list of path data strings (constant data of the extension, not record text).
 * @param {string[]} paths SVG path data, one of ICONS
 * @param {{size?: number, label?: string|null}} [options] without a label the icon is hidden from screen readers
 * @returns {SVGSVGElement}
 */
export function icon(paths, { size = 16, label = null } = {}) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("fill", "none");
  svg.setAttribute("stroke", "currentColor");
  svg.setAttribute("stroke-width", "2");
  svg.setAttribute("stroke-linecap", "round");
  svg.setAttribute("stroke-linejoin", "round");
  if (label) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
  } else {
    svg.setAttribute("aria-hidden", "true");
  }
  for (const d of paths) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
  }
  return svg;
}

export const ICONS = Object.freeze({
  close: ["M18 6 6 18", "M6 6l12 12"],
  external: ["M15 3h6v6", "M10 14 21 3", "M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6"],
  check: ["M20 6 9 17l-5-5"],
  flag: ["M4 15s1-1 4-1 5 2 8 2 4-1 4-1V3s-1 1-4 1-5-2-8-2-4 1-4 1z", "M4 22v-7"],
  copy: ["M8 8h12v12H8z", "M4 16V4h12"],
  lens: ["M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16z", "M21 21l-4.35-4.35"],
  shield: ["M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"],
  mail: ["M4 4h16v16H4z", "M22 6l-10 7L2 6"],
  settings: ["M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z", "M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z"],
  refresh: ["M21 12a9 9 0 1 1-3-6.7L21 8", "M21 3v5h-5"],
  terminal: ["M4 17l6-6-6-6", "M12 19h8"],
});

/**
 * A short readable date ("28 Nov 2025") from an ISO date, or the input when it is not one.
 * @param {string|null} iso
 * @returns {string}
 */
export function formatDate(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso ?? "";
  const [y, m, d] = iso.split("-").map(Number);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${d} ${months[m - 1]} ${y}`;
}

/**
 * The host name of a URL without "www.", for "Source: anthropic.com"; "" when it is not a URL.
 * @param {string} url
 * @returns {string}
 */
export function shortHost(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}
