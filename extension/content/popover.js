/**
 * The clause card as a popover: which card is open, opening on hover (of the marker or the highlighted
 * text), focus or click, closing on leave, Escape or a click elsewhere, and placing it beside its clause.
 * The card is inserted right after its marker, so Tab moves from a marker into its card and on to the next
 * marker. The card's content is content/card.js; the markers are content/markers.js.
 */
import { trusted } from "../lib/dom.js";
import { buildCard } from "./card.js";
import { clauseAt, firstRect } from "./hittest.js";
import { cardSpot } from "./layout.js";
import { getLayer } from "./ui.js";

/** Hover intent: a pointer passing over a clause on its way elsewhere opens nothing. */
const HOVER_OPEN_MS = 180;
/** Grace time to move the pointer from the text or marker into the card before it closes. */
const HOVER_CLOSE_MS = 350;

export class CardPopover {
  /**
   * @param {import("./markers.js").Markers} markers
   * @param {{onAction: (id: string, actionKey: string) => void,
   *          onReport: (id: string, note: string) => Promise<object>,
   *          build?: (clause: object, options: object) => HTMLElement}} callbacks `build` makes the card
   *   (default: the clause card of content/card.js; the changed passages bring their own)
   */
  constructor(markers, { onAction = () => {}, onReport = async () => ({ ok: false }), build = null, yieldTo = null }) {
    /** Another popover whose open card this one does not open over on hover (changes yield to clauses). */
    this.yieldTo = yieldTo;
    this.markers = markers;
    this.onAction = onAction;
    this.onReport = onReport;
    this.build = build ?? ((clause, options) => buildCard(clause.annotation, options));
    /** @type {import("./session.js").Clause[]} */
    this.clauses = [];
    this.serviceName = null;
    /** @type {{id: string, card: HTMLElement, pinned: boolean, at: DOMRect|null}|null} */
    this.open = null;
    this.timers = { open: 0, close: 0 };
    this.pointer = null;
    this.pointerFrame = 0;
    this.listening = false;
    // The page can dispatch any of these on its document; only the browser's own (trusted) ones count.
    this.onPointerMove = trusted((event) => this.pointerMoved(event));
    this.onDocumentKey = trusted((event) => {
      if (event.key === "Escape" && this.open) this.close({ restoreFocus: true });
    });
    this.onDocumentPointerDown = trusted((event) => {
      if (this.open?.pinned && !event.composedPath().includes(getLayer().host)) this.close();
    });
  }

  /**
   * The clauses cards can be opened for (closing any open card).
   * @param {import("./session.js").Clause[]} clauses
   * @param {string|null} serviceName
   */
  set(clauses, serviceName) {
    this.close();
    this.clauses = clauses;
    this.serviceName = serviceName;
    this.listen(clauses.some((c) => c.range));
  }

  listen(on) {
    if (on === this.listening) return;
    this.listening = on;
    const method = on ? "addEventListener" : "removeEventListener";
    document[method]("mousemove", this.onPointerMove, { passive: true });
    document[method]("keydown", this.onDocumentKey, true);
    document[method]("pointerdown", this.onDocumentPointerDown, true);
  }

  // What the markers' events mean (content/markers.js calls these).

  markerEntered(id) {
    this.scheduleOpen(id);
  }

  markerLeft() {
    this.scheduleClose();
  }

  markerFocused(id) {
    if (this.open?.id !== id) this.show(id, { pinned: false });
  }

  markerBlurred(id, next) {
    if (this.open?.id === id && !this.open.pinned && !(next && this.open.card.contains(next))) this.scheduleClose();
  }

  markerActivated(id) {
    if (this.open?.id === id && this.open.pinned) this.close({ restoreFocus: true });
    else this.show(id, { pinned: true, focusCard: true });
  }

  /** The clause with `id` is gone from the page: its card goes too. */
  drop(id) {
    if (this.open?.id === id) this.close();
  }

  scheduleOpen(id, { at = null } = {}) {
    clearTimeout(this.timers.close);
    clearTimeout(this.timers.open);
    if (this.open?.pinned || this.open?.id === id) return;
    this.timers.open = setTimeout(() => this.show(id, { pinned: false, at }), HOVER_OPEN_MS);
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
   * Open the card of clause `id`.
   * @param {string} id
   * @param {{pinned?: boolean, focusCard?: boolean, at?: DOMRect|null}} [options] a pinned card stays open until
   *   closed; `at` is the line the pointer is on
   * @returns {HTMLElement|null} the card
   */
  show(id, { pinned = false, focusCard = false, at = null } = {}) {
    clearTimeout(this.timers.open);
    clearTimeout(this.timers.close);
    const clause = this.clauses.find((c) => c.id === id);
    const marker = this.markers.button(id);
    if (!clause || !marker) return null;
    if (this.open?.id === id) {
      this.open.pinned ||= pinned;
    } else {
      this.close();
      const { number, total } = this.markers.numbering(id);
      const card = this.build(clause, {
        number,
        total,
        serviceName: this.serviceName,
        onAction: (actionKey) => this.onAction(id, actionKey),
        onReport: (note) => this.onReport(id, note),
        onClose: () => this.close({ restoreFocus: true }),
      });
      card.addEventListener("mouseenter", trusted(() => clearTimeout(this.timers.close)));
      card.addEventListener("mouseleave", trusted(() => this.scheduleClose()));
      card.addEventListener(
        "focusout",
        trusted((event) => {
          const next = event.relatedTarget;
          if (this.open?.card === card && !this.open.pinned && next !== marker && !(next && card.contains(next))) this.close();
        }),
      );
      marker.after(card);
      marker.setAttribute("aria-expanded", "true");
      marker.setAttribute("aria-controls", card.id || "");
      this.open = { id, card, pinned, at };
    }
    this.open.at = at ?? this.open.at;
    this.place();
    if (focusCard) this.open.card.focus({ preventScroll: true });
    return this.open.card;
  }

  /** Close the open card; with `restoreFocus`, focus goes back to its marker. */
  close({ restoreFocus = false } = {}) {
    clearTimeout(this.timers.open);
    clearTimeout(this.timers.close);
    if (!this.open) return;
    const { id, card } = this.open;
    this.open = null;
    card.remove();
    const marker = this.markers.button(id);
    if (marker) {
      marker.setAttribute("aria-expanded", "false");
      if (restoreFocus) marker.focus({ preventScroll: true });
    }
  }

  /** Put the open card beside the line it belongs to (document coordinates). */
  place() {
    if (!this.open) return;
    const { card, id, at } = this.open;
    const clause = this.clauses.find((c) => c.id === id);
    const line = at ?? firstRect(clause?.range);
    if (!line || !this.markers.button(id)) return;
    card.style.maxHeight = "";
    const spot = cardSpot(line, { width: card.offsetWidth, height: card.offsetHeight }, { width: window.innerWidth, height: window.innerHeight });
    card.style.maxHeight = spot.maxHeight === null ? "" : `${spot.maxHeight}px`;
    card.style.left = `${spot.left + window.scrollX}px`;
    card.style.top = `${spot.top + window.scrollY}px`;
  }

  pointerMoved(event) {
    this.pointer = { x: event.clientX, y: event.clientY };
    if (this.pointerFrame) return;
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      this.hoverAt(this.pointer.x, this.pointer.y);
    });
  }

  /** Open the card of the clause under the pointer, if any. */
  hoverAt(x, y) {
    if (this.open?.pinned) return;
    if (this.yieldTo?.open) {
      if (this.open && !this.pointerOverCard(x, y)) this.scheduleClose();
      return;
    }
    const hit = clauseAt(document, this.clauses, x, y);
    if (hit) {
      this.scheduleOpen(hit.clause.id, { at: hit.rect });
    } else if (this.open && !this.pointerOverCard(x, y)) {
      this.scheduleClose();
    }
  }

  pointerOverCard(x, y) {
    const rect = this.open?.card.getBoundingClientRect();
    return rect && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
  }
}
