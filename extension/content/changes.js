/**
 * What changed since the reader last read the page: the changed passages anchored on the page (in their own
 * highlight, distinct from the clause highlights), the card showing a passage's old wording with its word
 * diff, and the notice with "Mark as read". Built with DOM calls only (page and record text are never
 * parsed as HTML); every listener acts on trusted events, and "Mark as read" also needs a user gesture.
 */
import { HIGHLIGHT_NAMES } from "../lib/constants.js";
import { closeOnEscape, h, icon, ICONS, isUserGesture } from "../lib/dom.js";
import { CHANGE_KIND_LABELS, categoryName, changedSince, describeReason } from "../lib/labels.js";
import { anchorRange } from "./clauses.js";
import { getLayer } from "./ui.js";
import { WORD_OPS } from "../lib/vocabulary.js";

// The steps of a word diff, in the schema's order: kept words, words taken out, words put in.
const [, TAKEN_OUT, PUT_IN] = WORD_OPS;

const supported = () => typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";

/** The change marks go below the clause highlights: where both cover text, the clause's colour shows. */
const CHANGE_PRIORITY = 0;

/**
 * The changes of the page's side (edited, added, moved passages) anchored in `pageText`, as clause-like
 * objects the markers and the popover take ({id, change, range, nodes, annotation: {title}}).
 * @param {object[]} items checked change items (lib/validate.js checkChanges)
 * @param {import("./text.js").PageText} pageText
 * @returns {object[]}
 */
export function anchorChanges(items, pageText) {
  return items
    .filter((item) => item.new)
    .map((item) => {
      const range = anchorRange(pageText, { ...item.new, exact: item.new.text });
      return {
        id: item.id,
        change: item,
        severity: "change",
        range,
        nodes: range ? [range.startContainer, range.endContainer] : [],
        annotation: { title: changeTitle(item) },
      };
    });
}

/**
 * "Changed, matters: a duration" / "New: arbitration clause" / "Moved".
 * @param {object} item
 * @returns {string}
 */
export function changeTitle(item) {
  const kind = CHANGE_KIND_LABELS[item.kind] ?? item.kind;
  const about = item.category ? ` · ${categoryName(item.category)}` : "";
  return `${kind}${item.material ? ", matters" : ""}${about}`;
}

/**
 * Paint the changed passages (replacing what was painted before).
 * @param {{range: Range|null}[]} changes
 */
export function paintChanges(changes) {
  if (!supported()) return;
  const ranges = changes.map((c) => c.range).filter(Boolean);
  if (!ranges.length) {
    CSS.highlights.delete(HIGHLIGHT_NAMES.change);
    return;
  }
  const highlight = new Highlight(...ranges);
  highlight.priority = CHANGE_PRIORITY;
  CSS.highlights.set(HIGHLIGHT_NAMES.change, highlight);
}

/** Remove the change marks. */
export function clearChanges() {
  if (supported()) CSS.highlights.delete(HIGHLIGHT_NAMES.change);
}

/**
 * A word diff as elements: kept words as text, removed words in <del>, added words in <ins>.
 * @param {{op: string, text: string}[]} steps
 * @returns {HTMLElement}
 */
export function wordDiff(steps) {
  return h(
    "p",
    { class: "word-diff" },
    steps.map((step, index) => {
      const space = index ? " " : "";
      if (step.op === TAKEN_OUT) return [space, h("del", { "aria-label": `removed: ${step.text}` }, step.text)];
      if (step.op === PUT_IN) return [space, h("ins", { "aria-label": `added: ${step.text}` }, step.text)];
      return [space, h("span", {}, step.text)];
    }),
  );
}

/**
 * The card of one changed passage: what kind of change, why it matters, and the old wording with its word
 * diff (a new passage has no old wording; a moved one the same words).
 * @param {object} item a checked change item
 * @param {{number: number, total: number, lastReadAt: string|null, onMarkRead: () => Promise<object>,
 *          onClose: () => void}} options
 * @returns {HTMLElement}
 */
export function buildChangeCard(item, { number, total, lastReadAt, onMarkRead, onClose }) {
  const id = `tl-change-${number}`;
  const since = lastReadAt ? `since you read it on ${lastReadAt}` : "since you last read it";
  const kindLine = {
    edited: `This passage changed ${since}.`,
    added: `This passage is new ${since}.`,
    moved: `This passage moved ${since}; its words are the same.`,
  }[item.kind] ?? `This passage changed ${since}.`;
  const card = h(
    "section",
    { id, class: `card change-card${item.material ? " material" : ""}`, role: "dialog", "aria-modal": "false", "aria-labelledby": `${id}-title`, tabindex: "-1", dataset: { id: item.id } },
    h(
      "div",
      { class: "card-body" },
      h(
        "div",
        { class: "card-head" },
        h("span", { class: "pill change" }, CHANGE_KIND_LABELS[item.kind] ?? item.kind),
        item.material ? h("span", { class: "pill matters" }, "Matters") : h("span", { class: "pill" }, "Minor"),
        h("span", { class: "card-count" }, `${number} of ${total}`),
        h("button", { type: "button", class: "icon-button close", "aria-label": "Close", title: "Close (Esc)", onclick: onClose }, icon(ICONS.close)),
      ),
      h("h2", { id: `${id}-title`, class: "title" }, kindLine),
      item.category ? h("p", { class: "service" }, categoryName(item.category)) : null,
      item.reasons.length
        ? [h("h3", {}, "What changes"), h("ul", { class: "reasons" }, item.reasons.map((r) => h("li", {}, describeReason(r))))]
        : null,
      item.kind === "edited" && item.diff.length ? [h("h3", {}, "The wording you read, and what it says now"), wordDiff(item.diff)] : null,
      item.kind === "added" ? [h("h3", {}, "New wording"), h("p", { class: "quote" }, item.new?.text ?? "")] : null,
      markReadRow(onMarkRead),
    ),
  );
  closeOnEscape(card, onClose);
  return card;
}

function markReadRow(onMarkRead) {
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "action-button primary mark-read" }, "Mark as read");
  button.addEventListener("click", async (event) => {
    if (!isUserGesture(event) || button.disabled) return;
    button.disabled = true;
    const reply = await onMarkRead();
    button.disabled = false;
    if (!reply?.ok) status.textContent = reply?.error?.message ?? "Could not mark the page as read.";
  });
  return h("div", { class: "card-foot" }, button, status);
}

/**
 * The notice at the top of the page: "Changed since you read it on 12 Mar 2026: 3 changes that matter", with
 * "Mark as read" and a button to go to the first change. Lives in the extension's closed shadow root.
 */
export class ChangeNotice {
  /**
   * @param {{onMarkRead: () => Promise<object>, onShowFirst: () => void}} callbacks
   */
  constructor({ onMarkRead, onShowFirst }) {
    this.onMarkRead = onMarkRead;
    this.onShowFirst = onShowFirst;
    this.element = null;
  }

  /**
   * Show (or with null, remove) the notice for the page's changes.
   * @param {object|null} changes checked changes (lib/validate.js checkChanges)
   */
  set(changes) {
    this.element?.remove();
    this.element = null;
    if (!changes) return;
    const status = h("span", { class: "status", role: "status", "aria-live": "polite" });
    const mark = h("button", { type: "button", class: "small-button mark-read" }, "Mark as read");
    mark.addEventListener("click", async (event) => {
      if (!isUserGesture(event) || mark.disabled) return;
      mark.disabled = true;
      const reply = await this.onMarkRead();
      mark.disabled = false;
      if (!reply?.ok) status.textContent = reply?.error?.message ?? "Could not mark the page as read.";
    });
    const shown = changes.items.some((item) => item.new);
    const show = shown ? h("button", { type: "button", class: "small-button", onclick: () => this.onShowFirst() }, "Show") : null;
    const removed = changes.summary.removed ?? 0;
    this.element = h(
      "aside",
      { class: `change-notice${changes.summary.material ? " material" : ""}`, role: "status", "aria-label": "Changes since you last read this page" },
      icon(ICONS.refresh, { size: 16 }),
      h(
        "span",
        { class: "notice-text" },
        changedSince(changes),
        removed ? h("span", { class: "notice-more" }, ` · ${removed} passage${removed === 1 ? "" : "s"} removed (listed in the TermsLens popup)`) : null,
      ),
      show,
      mark,
      status,
    );
    getLayer().layer.appendChild(this.element);
  }
}
