/**
 * Markers and cards for the clauses on the page. Each clause gets a numbered marker in its margin (a button
 * in the extension's shadow root); hovering the marker or the highlighted text, focusing the marker with the
 * keyboard, or clicking it opens the clause card. The card is inserted right after its marker, so Tab moves
 * from a marker into its card and on to the next marker.
 */
import { SEVERITY_LABELS, h } from "../lib/dom.js";
import { buildCard } from "./card.js";
import { getLayer } from "./ui.js";

const HOVER_OPEN_MS = 180;
const HOVER_CLOSE_MS = 350;
const MARKER_SIZE = 22;
const MARKER_GAP = 8;

/**
 * @typedef {{index: number, annotation: object, range: Range|null, severity: string}} Clause
 */

export class ClauseMarkers {
  /**
   * @param {{onAction: (index: number, actionIndex: number) => void,
   *          onReport: (index: number, note: string) => Promise<object>}} callbacks
   */
  constructor({ onAction, onReport }) {
    this.onAction = onAction;
    this.onReport = onReport;
    /** @type {Clause[]} */
    this.clauses = [];
    this.markers = new Map();
    this.open = null; // {index, card, pinned}
    this.serviceName = null;
    this.timers = { open: 0, close: 0 };
    this.frame = 0;
    this.pointer = null;
    this.listening = false;
    this.onScroll = () => this.schedulePosition();
    this.onResize = () => this.schedulePosition();
    this.onPointerMove = (event) => this.pointerMoved(event);
    this.onDocumentKey = (event) => {
      if (event.key === "Escape" && this.open) this.close({ restoreFocus: true });
    };
    this.onDocumentPointerDown = (event) => {
      if (this.open?.pinned && !event.composedPath().includes(getLayer().host)) this.close();
    };
  }

  /**
   * Show markers for `clauses` (those with a range), replacing the previous ones.
   * @param {Clause[]} clauses
   * @param {string|null} serviceName
   */
  set(clauses, serviceName) {
    this.close();
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
    this.clauses = clauses;
    this.serviceName = serviceName;
    const { layer } = getLayer();
    const total = clauses.length;
    for (const clause of clauses) {
      if (!clause.range) continue;
      const marker = h(
        "button",
        {
          type: "button",
          class: `marker sev-${clause.severity}`,
          "aria-label": `Clause ${clause.index + 1} of ${total}, ${SEVERITY_LABELS[clause.severity].toLowerCase()} severity: ${clause.annotation.title}`,
          "aria-haspopup": "dialog",
          "aria-expanded": "false",
          title: clause.annotation.title,
          dataset: { index: clause.index, severity: clause.severity },
        },
        String(clause.index + 1),
      );
      marker.addEventListener("mouseenter", () => this.scheduleOpen(clause.index, {}));
      marker.addEventListener("mouseleave", () => this.scheduleClose());
      marker.addEventListener("focus", () => {
        if (this.open?.index !== clause.index) this.show(clause.index, { pinned: false });
      });
      marker.addEventListener("blur", (event) => {
        const next = event.relatedTarget;
        if (this.open?.index === clause.index && !this.open.pinned && !(next && this.open.card.contains(next))) this.scheduleClose();
      });
      marker.addEventListener("click", () => {
        if (this.open?.index === clause.index && this.open.pinned) this.close({ restoreFocus: true });
        else this.show(clause.index, { pinned: true, focusCard: true });
      });
      layer.appendChild(marker);
      this.markers.set(clause.index, marker);
    }
    this.listen(true);
    this.position();
  }

  clear() {
    this.set([], null);
    this.listen(false);
  }

  listen(on) {
    if (on === this.listening) return;
    this.listening = on;
    const method = on ? "addEventListener" : "removeEventListener";
    window[method]("scroll", this.onScroll, { capture: true, passive: true });
    window[method]("resize", this.onResize, { passive: true });
    document[method]("mousemove", this.onPointerMove, { passive: true });
    document[method]("keydown", this.onDocumentKey, true);
    document[method]("pointerdown", this.onDocumentPointerDown, true);
    if (on) {
      this.resizeObserver ??= new ResizeObserver(() => this.schedulePosition());
      this.resizeObserver.observe(document.body ?? document.documentElement);
    } else {
      this.resizeObserver?.disconnect();
    }
  }

  /** Hide the marker of a clause whose text left the page (until the next re-read places it again). */
  hide(index) {
    const marker = this.markers.get(index);
    if (marker) marker.hidden = true;
    if (this.open?.index === index) this.close();
  }

  schedulePosition() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.position();
    });
  }

  /** Put each marker in the margin beside the first line of its clause (document coordinates). */
  position() {
    const placed = [];
    for (const clause of this.clauses) {
      const marker = this.markers.get(clause.index);
      if (!marker) continue;
      const rect = firstRect(clause.range);
      if (!rect) {
        marker.hidden = true;
        continue;
      }
      marker.hidden = false;
      // In the margin of the clause's block, on the clause's first line, even when the clause starts mid-line.
      const blockLeft = marginOf(clause.range)?.getBoundingClientRect().left ?? rect.left;
      let left = Math.min(rect.left, blockLeft) - MARKER_SIZE - MARKER_GAP;
      if (left < 2) left = Math.max(2, rect.left - MARKER_SIZE / 2); // no margin: sit on the first letter's edge
      let top = rect.top + (rect.height - MARKER_SIZE) / 2;
      // Two clauses starting on the same line: stack their markers instead of covering one with the other.
      while (placed.some((p) => Math.abs(p.top - top) < MARKER_SIZE && Math.abs(p.left - left) < MARKER_SIZE)) top += MARKER_SIZE + 2;
      placed.push({ top, left });
      marker.style.left = `${left + window.scrollX}px`;
      marker.style.top = `${top + window.scrollY}px`;
    }
    if (this.open) this.placeCard();
  }

  scheduleOpen(index, { at = null } = {}) {
    clearTimeout(this.timers.close);
    clearTimeout(this.timers.open);
    if (this.open?.pinned) return;
    if (this.open?.index === index) return;
    this.timers.open = setTimeout(() => this.show(index, { pinned: false, at }), HOVER_OPEN_MS);
  }

  scheduleClose() {
    clearTimeout(this.timers.open);
    clearTimeout(this.timers.close);
    if (!this.open || this.open.pinned) return;
    this.timers.close = setTimeout(() => {
      const active = getLayer().root.activeElement;
      if (this.open && !this.open.pinned && !(active && this.open.card.contains(active))) this.close();
    }, HOVER_CLOSE_MS);
  }

  /**
   * Open the card of clause `index`.
   * @param {number} index
   * @param {{pinned?: boolean, focusCard?: boolean, at?: DOMRect|null}} [options] a pinned card stays open until
   *   closed; `at` is the line the pointer is on
   */
  show(index, { pinned = false, focusCard = false, at = null } = {}) {
    clearTimeout(this.timers.open);
    clearTimeout(this.timers.close);
    const clause = this.clauses.find((c) => c.index === index);
    const marker = this.markers.get(index);
    if (!clause || !marker) return null;
    if (this.open?.index === index) {
      this.open.pinned ||= pinned;
    } else {
      this.close();
      const card = buildCard(clause.annotation, {
        index,
        total: this.clauses.length,
        serviceName: this.serviceName,
        onAction: (actionIndex) => this.onAction(index, actionIndex),
        onReport: (note) => this.onReport(index, note),
        onClose: () => this.close({ restoreFocus: true }),
      });
      card.addEventListener("mouseenter", () => clearTimeout(this.timers.close));
      card.addEventListener("mouseleave", () => this.scheduleClose());
      card.addEventListener("focusout", (event) => {
        const next = event.relatedTarget;
        if (this.open?.card === card && !this.open.pinned && next !== marker && !(next && card.contains(next))) this.close();
      });
      marker.after(card);
      marker.setAttribute("aria-expanded", "true");
      marker.setAttribute("aria-controls", card.id || "");
      this.open = { index, card, pinned, at };
    }
    this.open.at = at ?? this.open.at;
    this.placeCard();
    if (focusCard) this.open.card.focus({ preventScroll: true });
    return this.open.card;
  }

  /** Close the open card; with `restoreFocus`, focus goes back to its marker. */
  close({ restoreFocus = false } = {}) {
    clearTimeout(this.timers.open);
    clearTimeout(this.timers.close);
    if (!this.open) return;
    const { index, card } = this.open;
    this.open = null;
    card.remove();
    const marker = this.markers.get(index);
    if (marker) {
      marker.setAttribute("aria-expanded", "false");
      if (restoreFocus) marker.focus({ preventScroll: true });
    }
  }

  placeCard() {
    const { card, index, at } = this.open;
    const clause = this.clauses.find((c) => c.index === index);
    const line = at ?? firstRect(clause?.range);
    const marker = this.markers.get(index);
    if (!line || !marker) return;
    card.style.maxHeight = "";
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const left = Math.max(8, Math.min(line.left, window.innerWidth - width - 8));
    // Below the line when the card fits there, else above; else on the roomier side, scrolling inside.
    const below = window.innerHeight - line.bottom - 16;
    const above = line.top - 16;
    let top;
    if (height <= below || (height > above && below >= above)) {
      top = line.bottom + 8;
      if (height > below) card.style.maxHeight = `${Math.max(160, below)}px`;
    } else {
      const shown = Math.min(height, Math.max(160, above));
      if (height > above) card.style.maxHeight = `${shown}px`;
      top = line.top - 8 - shown;
    }
    card.style.left = `${left + window.scrollX}px`;
    card.style.top = `${top + window.scrollY}px`;
  }

  pointerMoved(event) {
    this.pointer = { x: event.clientX, y: event.clientY };
    if (this.pointerFrame) return;
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      this.hoverAt(this.pointer.x, this.pointer.y);
    });
  }

  /** Open the card of the clause under the pointer, if any (Custom Highlights have no events of their own). */
  hoverAt(x, y) {
    if (this.open?.pinned) return;
    const hit = clauseAt(this.clauses, x, y);
    if (hit) {
      this.scheduleOpen(hit.clause.index, { at: hit.rect });
    } else if (this.open && !this.pointerOverCard(x, y)) {
      this.scheduleClose();
    }
  }

  pointerOverCard(x, y) {
    const rect = this.open?.card.getBoundingClientRect();
    return rect && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
  }

  /**
   * Scroll clause `index` into view and pulse its marker.
   * @returns {Promise<boolean>} resolves when the scroll has ended (false: the clause is not on the page)
   */
  reveal(index) {
    const clause = this.clauses.find((c) => c.index === index);
    if (!clause?.range) return Promise.resolve(false);
    const element = clause.range.startContainer.parentElement;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const ended = new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener("scrollend", done, true);
        resolve(true);
      };
      // scrollend does not fire when nothing had to move; the timer covers that (and older browsers).
      const timer = setTimeout(done, reduce ? 50 : 1500);
      window.addEventListener("scrollend", done, true);
    });
    element?.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    const marker = this.markers.get(index);
    if (marker) {
      marker.classList.remove("pulse");
      void marker.offsetWidth; // restart the animation
      marker.classList.add("pulse");
    }
    return ended;
  }
}

/** The block whose left edge the clause's marker sits beside: its paragraph, or for a list item, the list. */
function marginOf(range) {
  let element = range.startContainer.parentElement;
  while (element && element !== document.body && getComputedStyle(element).display.startsWith("inline")) {
    element = element.parentElement;
  }
  if (element?.tagName === "LI") element = element.closest("ul, ol") ?? element;
  return element;
}

/** The first non-empty client rect of a range, or null when it is not rendered. */
function firstRect(range) {
  if (!range || range.collapsed) return null;
  for (const rect of range.getClientRects()) {
    if (rect.width > 0 && rect.height > 0) return rect;
  }
  return null;
}

function clauseAt(clauses, x, y) {
  let node = null;
  let offset = 0;
  if (document.caretPositionFromPoint) {
    const position = document.caretPositionFromPoint(x, y);
    if (position) ({ offsetNode: node, offset } = position);
  } else if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    if (range) ({ startContainer: node, startOffset: offset } = range);
  }
  if (!node || node.nodeType !== Node.TEXT_NODE) return null;
  for (const clause of clauses) {
    const range = clause.range;
    if (!range || !range.isPointInRange(node, offset)) continue;
    // The caret position is the nearest one, even beside the text: check the pointer is on a line of the clause.
    for (const rect of range.getClientRects()) {
      if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return { clause, rect };
    }
  }
  return null;
}
