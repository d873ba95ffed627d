/**
 * The numbered markers in the margin, one per clause on the page, or one per cluster of nearby clauses of
 * one type (content/clusters.js; the marker then shows "×N"): buttons in the extension's shadow root, kept
 * beside the first line of their clause as the page scrolls, resizes and reflows. What a marker does
 * when hovered, focused or clicked is the caller's (content/popover.js opens the card); this module only
 * makes, places and shows them.
 */
import { SEVERITY_LABELS } from "../lib/labels.js";
import { h, trusted } from "../lib/dom.js";
import { clusterClauses } from "./clusters.js";
import { firstRect, marginOf, textRectsAround } from "./hittest.js";
import { markerSpot, markerSpotRight } from "./layout.js";
import { getLayer } from "./ui.js";

/** How long a scroll to a clause may take before its pulse is shown anyway (scrollend does not always fire). */
const SCROLL_SETTLE_MS = 1500;
const SCROLL_SETTLE_REDUCED_MS = 50;

export class Markers {
  /**
   * @param {object} on what the markers' events mean, each called with the clause's id
   * @param {(id: string) => void} on.enter the pointer is over a marker
   * @param {(id: string) => void} on.leave the pointer left it
   * @param {(id: string, byKeyboard: boolean) => void} on.focus the marker got the focus (by the keyboard, or
   *   by a mouse press that is about to click it)
   * @param {(id: string, next: Element|null) => void} on.blur it lost it (to `next`)
   * @param {(id: string) => void} on.activate it was clicked (or pressed with Enter or Space)
   * @param {() => void} on.layout the markers moved (the open card should follow)
   * @param {(id: string, event: KeyboardEvent) => void} [on.key] a key was pressed on a marker
   * @param {object} [options]
   * @param {(clause: object, number: number, total: number, count: number) => {label: string,
   *          className: string, ariaLabel: string, title: string}} [options.describe] how a marker reads
   *          (default: a clause's; `count` is how many clauses it stands for)
   * @param {(clauses: object[]) => {id: string, ids: string[]}[]} [options.group] which clauses share a marker
   *          (default: clusters of nearby clauses of a type; `alone` gives each its own)
   * @param {"left"|"right"} [options.side] which margin the markers sit in
   */
  constructor(on, { describe = describeClause, group = clusterClauses, side = "left" } = {}) {
    this.on = on;
    this.describe = describe;
    this.group = group;
    this.side = side;
    /** @type {import("./session.js").Clause[]} */
    this.clauses = [];
    /** @type {Map<string, HTMLButtonElement>} the markers, by the id of the clause each stands for */
    this.buttons = new Map();
    /** @type {Map<string, HTMLButtonElement>} every placed clause's marker (its cluster's), by clause id */
    this.members = new Map();
    this.frame = 0;
    this.listening = false;
    // The page itself scrolling moves nothing in document coordinates, where the markers sit: only the open
    // card is placed again. A scrolling element inside the page (or a sticky one) may move clauses: re-place all.
    this.onScroll = (event) => (event.target === document ? this.on.layout() : this.schedulePosition());
    this.onResize = () => this.schedulePosition();
  }

  /**
   * Show markers for `clauses` (those with a range), numbered in their order, replacing the previous ones.
   * @param {import("./session.js").Clause[]} clauses
   */
  set(clauses) {
    for (const button of this.buttons.values()) button.remove();
    this.buttons.clear();
    this.members.clear();
    this.clauses = clauses;
    const { layer } = getLayer();
    const total = clauses.length;
    const byId = new Map(clauses.map((clause, position) => [clause.id, { clause, number: position + 1 }]));
    // One marker per group (by default a cluster of nearby clauses of a type, content/clusters.js), beside the
    // clause it stands for.
    for (const group of this.group(clauses.filter((c) => c.range))) {
      const { clause, number } = byId.get(group.id);
      const count = group.ids.length;
      const { label, className, ariaLabel, title } = this.describe(clause, number, total, count);
      const button = h(
        "button",
        {
          type: "button",
          class: className,
          "aria-label": ariaLabel,
          "aria-haspopup": "dialog",
          "aria-expanded": "false",
          title,
          // A cluster's "×N" badge is drawn by CSS from data-badge, outside the button's text, so the
          // visible text stays the name's number (axe: label-content-name-mismatch).
          dataset: { id: clause.id, number, severity: clause.severity, count, ids: group.ids.join(" "),
                     ...(count > 1 ? { badge: `×${count}` } : {}) },
        },
        label,
      );
      // Trusted events only: a page script must not open, pin or close the extension's cards.
      button.addEventListener("mouseenter", trusted(() => this.on.enter(clause.id)));
      button.addEventListener("mouseleave", trusted(() => this.on.leave(clause.id)));
      button.addEventListener("focus", trusted(() => this.on.focus(clause.id, button.matches(":focus-visible"))));
      button.addEventListener("blur", trusted((event) => this.on.blur(clause.id, event.relatedTarget)));
      button.addEventListener("click", trusted(() => this.on.activate(clause.id)));
      button.addEventListener("keydown", trusted((event) => this.on.key?.(clause.id, event)));
      layer.appendChild(button);
      this.buttons.set(clause.id, button);
      for (const id of group.ids) this.members.set(id, button);
    }
    this.listen(this.buttons.size > 0);
    this.position();
  }

  clear() {
    this.set([]);
  }

  /**
   * Move the keyboard focus to the marker of clause `id` (its own or its cluster's; its card opens,
   * content/popover.js), scrolled into view.
   * @param {string} id
   * @returns {boolean} false when the clause has no marker on the page
   */
  focus(id) {
    const button = this.button(id);
    if (!button || button.hidden) return false;
    const element = this.clauses.find((c) => c.id === id)?.range?.startContainer.parentElement;
    element?.scrollIntoView({ block: "center" });
    this.position();
    button.focus({ preventScroll: true });
    return true;
  }

  /** The ids of the clauses that have a marker of their own shown (one per cluster), in page order. */
  shownIds() {
    return this.clauses.filter((c) => this.buttons.has(c.id) && !this.buttons.get(c.id).hidden).map((c) => c.id);
  }

  /**
   * The marker of clause `id`: its own, or that of the cluster it belongs to.
   * @param {string} id
   * @returns {HTMLButtonElement|undefined}
   */
  button(id) {
    return this.buttons.get(id) ?? this.members.get(id);
  }

  /**
   * The clause's number on the page (1-based) and how many there are.
   * @param {string} id
   * @returns {{number: number, total: number}}
   */
  numbering(id) {
    return { number: this.clauses.findIndex((c) => c.id === id) + 1, total: this.clauses.length };
  }

  /** Hide the marker of a clause whose text left the page (until the next re-read places it again). */
  hide(id) {
    const button = this.buttons.get(id);
    if (button) button.hidden = true;
  }

  listen(on) {
    if (on === this.listening) return;
    this.listening = on;
    const method = on ? "addEventListener" : "removeEventListener";
    window[method]("scroll", this.onScroll, { capture: true, passive: true });
    window[method]("resize", this.onResize, { passive: true });
    if (on) {
      this.resizeObserver ??= new ResizeObserver(() => this.schedulePosition());
      this.resizeObserver.observe(document.body ?? document.documentElement);
    } else {
      this.resizeObserver?.disconnect();
    }
  }

  schedulePosition() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.position();
    });
  }

  /**
   * Put each marker beside the first line of its clause (document coordinates): in the margin when there is
   * one, else in free space next to the text, never over it (content/layout.js markerSpot).
   */
  position() {
    const placed = [];
    const view = { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
    for (const clause of this.clauses) {
      const button = this.buttons.get(clause.id);
      if (!button) continue;
      const line = firstRect(clause.range);
      if (!line) {
        button.hidden = true;
        continue;
      }
      button.hidden = false;
      const blockElement = marginOf(clause.range);
      const blockRect = blockElement?.getBoundingClientRect();
      let spot;
      if (this.side === "right") {
        spot = markerSpotRight(line, blockRect?.right ?? line.right, placed, document.documentElement.clientWidth);
      } else {
        const block = blockRect ? { left: blockRect.left, right: blockRect.right, bottom: blockRect.bottom } : line.left;
        const around = () => textRectsAround(clause.range, blockElement, line);
        spot = markerSpot(line, block, placed, { view, around });
        button.classList.toggle("inline", spot.inline);
      }
      button.style.left = `${spot.left + window.scrollX}px`;
      button.style.top = `${spot.top + window.scrollY}px`;
    }
    this.on.layout();
  }

  /**
   * Scroll clause `id` into view and pulse its marker.
   * @param {string} id
   * @returns {Promise<boolean>} resolves when the scroll has ended (false: the clause is not on the page)
   */
  reveal(id) {
    const clause = this.clauses.find((c) => c.id === id);
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
      const timer = setTimeout(done, reduce ? SCROLL_SETTLE_REDUCED_MS : SCROLL_SETTLE_MS);
      window.addEventListener("scrollend", done, true);
    });
    element?.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    const button = this.button(id);
    if (button) {
      button.classList.remove("pulse");
      void button.offsetWidth; // restart the animation
      button.classList.add("pulse");
    }
    return ended;
  }
}

/**
 * How a clause's marker reads: its number, its severity's colour, "Clause 3 of 12, high severity: <title>".
 * @param {{annotation: {title: string}, severity: string}} clause
 * @param {number} number
 * @param {number} total
 * @param {number} [count] how many clauses the marker stands for (its cluster)
 */
function describeClause(clause, number, total, count = 1) {
  const { title } = clause.annotation;
  const severity = SEVERITY_LABELS[clause.severity].toLowerCase();
  return {
    label: String(number),
    className: `marker sev-${clause.severity}${count > 1 ? " grouped" : ""}`,
    ariaLabel: count > 1
      ? `Clause ${number} of ${total}, with ${count - 1} more of its kind nearby, ${severity} severity: ${title}`
      : `Clause ${number} of ${total}, ${severity} severity: ${title}`,
    title,
  };
}

/**
 * Every clause its own marker (for markers of things that are not clause types, such as changes).
 * @param {{id: string}[]} clauses
 */
export function alone(clauses) {
  return clauses.map((clause) => ({ id: clause.id, ids: [clause.id] }));
}
