/**
 * Finding the control a step names on a settings page (a switch, checkbox or radio) by its accessible name,
 * and reading whether it is on. DOM only, no extension API, so Node can test it against a DOM library.
 */
import { fold } from "./steps.js";
import { HOST_TAG } from "./ui.js";

const CONTROL_SELECTOR =
  'input[type="checkbox"], input[type="radio"], [role="switch"], [role="checkbox"], [role="radio"], button[aria-pressed], button[aria-checked]';
/** An unlabelled control is named by the text of its settings row: its nearest ancestor with text, at most
 * this many levels up (further up, the "row" is the whole page)… */
const ROW_DEPTH = 4;
/** …and only when that text is short enough to be a row's label and description. */
const ROW_TEXT_MAX = 240;

/**
 * The name a control carries, from ARIA, <label>, or the short text of the row it sits in; folded.
 * @param {Element} control
 * @returns {string}
 */
export function controlName(control) {
  const doc = control.ownerDocument;
  const parts = [];
  const labelled = control.getAttribute("aria-labelledby");
  if (labelled) {
    for (const id of labelled.split(/\s+/)) parts.push(doc.getElementById(id)?.textContent ?? "");
  }
  parts.push(control.getAttribute("aria-label") ?? "", control.getAttribute("title") ?? "");
  for (const label of control.labels ?? []) parts.push(label.textContent);
  let name = fold(parts.join(" "));
  if (!name) {
    for (let node = control.parentElement, depth = 0; node && depth < ROW_DEPTH; node = node.parentElement, depth += 1) {
      const text = fold(node.textContent);
      if (text) {
        name = text.length <= ROW_TEXT_MAX ? text : "";
        break;
      }
    }
  }
  return name;
}

/**
 * The control in `doc` named `name` (the shortest-labelled match, so "Help improve Claude" does not pick
 * a row that merely mentions it), or null. The extension's own elements are never candidates.
 * @param {Document} doc
 * @param {string} name
 * @returns {Element|null}
 */
export function findControl(doc, name) {
  const wanted = fold(name);
  if (!wanted) return null;
  let best = null;
  let bestLength = Infinity;
  for (const control of doc.querySelectorAll(CONTROL_SELECTOR)) {
    if (control.closest(HOST_TAG)) continue;
    const label = controlName(control);
    if (label && label.includes(wanted) && label.length < bestLength) {
      best = control;
      bestLength = label.length;
    }
  }
  return best;
}

/**
 * Whether a checkbox-like control is on.
 * @param {Element} control
 * @returns {boolean}
 */
export function isOn(control) {
  if (control.tagName === "INPUT") return control.checked;
  const state = control.getAttribute("aria-checked") ?? control.getAttribute("aria-pressed");
  return state === "true";
}
