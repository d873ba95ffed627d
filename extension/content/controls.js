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

// ---- Flow targets (issue 15): a control described by name, role and selectors, open shadow roots included ----

/** Elements that can carry each role a flow names, besides an explicit role attribute. */
const IMPLICIT_ROLES = Object.freeze({
  checkbox: 'input[type="checkbox"]:not([role])',
  radio: 'input[type="radio"]:not([role])',
  button: 'button:not([role]), input[type="button"]:not([role]), input[type="submit"]:not([role])',
  combobox: "select:not([role])",
  heading: "h1, h2, h3, h4, h5, h6",
  link: "a[href]:not([role])",
  textbox: 'input:not([type]), input[type="text"], input[type="email"], textarea',
});
const ANY_ROLE = ["switch", "checkbox", "radio", "button", "combobox", "heading", "link", "textbox"];

/** How deep a flow's search goes into nested open shadow roots (a settings page nests a few components). */
const SHADOW_DEPTH = 8;

function roleSelector(roles) {
  return roles.map((role) => [`[role="${role}"]`, IMPLICIT_ROLES[role]].filter(Boolean).join(", ")).join(", ");
}

/**
 * Every root to search: the document and, depth first, each open shadow root inside it (closed ones, like the
 * extension's own, cannot be entered and are not wanted).
 * @param {Document|ShadowRoot} root
 * @returns {(Document|ShadowRoot)[]}
 */
export function openRoots(root, depth = 0) {
  const roots = [root];
  if (depth >= SHADOW_DEPTH) return roots;
  for (const element of root.querySelectorAll("*")) {
    if (element.shadowRoot && element.localName !== HOST_TAG) roots.push(...openRoots(element.shadowRoot, depth + 1));
  }
  return roots;
}

/**
 * Elements a selector list finds; " >>> " steps into the open shadow root of what the part before it finds.
 * @param {Document} doc
 * @param {string} selector
 * @returns {Element[]}
 */
export function deepQuery(doc, selector) {
  let scopes = [doc];
  const parts = selector.split(">>>").map((part) => part.trim());
  for (const [index, part] of parts.entries()) {
    const found = [];
    for (const scope of scopes) {
      try {
        found.push(...scope.querySelectorAll(part));
      } catch {
        return [];
      }
    }
    scopes = index === parts.length - 1 ? found : found.map((element) => element.shadowRoot).filter(Boolean);
  }
  return scopes;
}

/**
 * The role an element plays, as a flow names roles.
 * @param {Element} element
 * @returns {string|null}
 */
export function roleOf(element) {
  const explicit = element.getAttribute("role");
  if (explicit) return explicit.trim().split(/\s+/)[0];
  return ANY_ROLE.find((role) => IMPLICIT_ROLES[role] && element.matches(IMPLICIT_ROLES[role])) ?? null;
}

/**
 * The accessible name of any element a flow may name: ARIA (labelledby resolved in the element's own root),
 * <label>, its own text for buttons, links and headings, then the short text of its row.
 * @param {Element} element
 * @returns {string}
 */
export function accessibleName(element) {
  const root = element.getRootNode();
  const parts = [];
  for (const id of (element.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)) {
    parts.push((root.getElementById?.(id) ?? element.ownerDocument.getElementById(id))?.textContent ?? "");
  }
  parts.push(element.getAttribute("aria-label") ?? "");
  for (const label of element.labels ?? []) parts.push(label.textContent);
  if (element.matches("button, a, h1, h2, h3, h4, h5, h6, [role=button], [role=link], [role=heading]")) parts.push(element.textContent);
  if (element.matches('input[type="submit"], input[type="button"]')) parts.push(element.value);
  if (element.tagName === "OPTION") parts.push(element.textContent);
  const name = fold(parts.join(" "));
  return name || controlName(element);
}

/**
 * What a flow target finds: `found` the one element, or a `problem`: "missing" (nothing), "ambiguous" (more
 * than one, even after preferring exact names).
 * @param {Document} doc
 * @param {{name: string[], role: string[], selectors: string[]}} target
 * @returns {{found: Element|null, problem: "missing"|"ambiguous"|null, count: number}}
 */
export function findTarget(doc, target) {
  const names = target.name.map(fold).filter(Boolean);
  const roles = target.role.length ? target.role : ANY_ROLE;
  let candidates;
  if (target.selectors.length) {
    candidates = [];
    for (const selector of target.selectors) {
      candidates = deepQuery(doc, selector);
      if (candidates.length) break;
    }
  } else {
    const selector = roleSelector(roles);
    candidates = openRoots(doc).flatMap((root) => [...root.querySelectorAll(selector)]);
  }
  candidates = [...new Set(candidates)].filter((element) => !element.closest(HOST_TAG) && roles.includes(roleOf(element)));
  if (names.length) {
    const named = candidates.map((element) => ({ element, name: accessibleName(element) })).filter(({ name }) => names.some((n) => name.includes(n)));
    const exact = named.filter(({ name }) => names.includes(name));
    candidates = (exact.length ? exact : named).map(({ element }) => element);
  }
  if (candidates.length === 1) return { found: candidates[0], problem: null, count: 1 };
  return { found: null, problem: candidates.length ? "ambiguous" : "missing", count: candidates.length };
}

/**
 * The state a control shows: "on"/"off" for switches, checkboxes and radios (checked or aria-checked /
 * aria-pressed), the chosen option's label for a <select>, or null when it shows none.
 * @param {Element} control
 * @returns {string|null}
 */
export function readState(control) {
  if (control.tagName === "SELECT") return control.selectedOptions?.[0] ? fold(control.selectedOptions[0].textContent) : null;
  if (control.tagName === "INPUT" && (control.type === "checkbox" || control.type === "radio")) return control.checked ? "on" : "off";
  const state = control.getAttribute("aria-checked") ?? control.getAttribute("aria-pressed");
  if (state === "true") return "on";
  if (state === "false") return "off";
  return null;
}

/**
 * The radio of the group `control` belongs to whose name is `choice`, or null.
 * @param {Element} control a radio
 * @param {string} choice
 * @returns {Element|null}
 */
export function radioFor(control, choice) {
  const group = control.closest('[role="radiogroup"], fieldset') ?? control.getRootNode();
  const wanted = fold(choice);
  return [...group.querySelectorAll('input[type="radio"], [role="radio"]')].find((radio) => accessibleName(radio).includes(wanted)) ?? null;
}

/**
 * The state a choice step reads: for a radio group, the checked radio's name.
 * @param {Element} control
 * @returns {string|null}
 */
export function readChoice(control) {
  if (control.tagName === "SELECT") return readState(control);
  const group = control.closest('[role="radiogroup"], fieldset') ?? control.getRootNode();
  const checked = [...group.querySelectorAll('input[type="radio"], [role="radio"]')].find((radio) => readState(radio) === "on");
  return checked ? accessibleName(checked) : null;
}

/**
 * Operate a control as a person would, once: a click on a switch or checkbox that is not in the wanted state,
 * on the wanted radio, or on a button to press; for a <select>, the wanted option chosen with the events a
 * person's choice fires. Returns false when there was nothing it could do. Callers check the state again
 * afterwards: a page may open a dialog instead of changing.
 * @param {Element} control
 * @param {"on"|"off"|{choice: string}|null} want null: press it
 * @returns {boolean}
 */
export function operate(control, want) {
  if (want === null) {
    control.click();
    return true;
  }
  if (typeof want === "object") {
    if (control.tagName === "SELECT") {
      const option = [...control.options].find((o) => fold(o.textContent) === fold(want.choice));
      if (!option) return false;
      control.value = option.value;
      control.dispatchEvent(new Event("input", { bubbles: true }));
      control.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }
    const radio = radioFor(control, want.choice);
    if (!radio) return false;
    radio.click();
    return true;
  }
  const state = readState(control);
  if (state === null) return false;
  if (state !== want) control.click();
  return true;
}
