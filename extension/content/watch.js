/**
 * Noticing that the page changed: DOM mutations that can change what a reader sees (the extension's own
 * elements aside), and a timer that turns a burst of them into one re-read. No extension API here.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Attributes whose change can show or hide text (a section opened, a tab switched). */
export const WATCHED_ATTRIBUTES = Object.freeze(["hidden", "open", "class", "style", "aria-hidden", "aria-expanded"]);

/**
 * Whether mutation records can have changed the page's visible text.
 * @param {MutationRecord[]} records
 * @param {(node: Node) => boolean} isOurs the extension's own nodes, whose changes never count
 * @returns {boolean}
 */
export function significant(records, isOurs) {
  for (const record of records) {
    if (isOurs(record.target)) continue;
    if (record.type === "characterData" || record.type === "attributes") return true;
    for (const node of [...record.addedNodes, ...record.removedNodes]) {
      if (isOurs(node)) continue;
      if (node.nodeType === ELEMENT_NODE || (node.nodeType === TEXT_NODE && node.data.trim())) return true;
    }
  }
  return false;
}

/**
 * A re-read timer: debounced, with a ceiling, so a page that never stops changing is still read, and a
 * burst of changes is read once.
 */
export class RereadTimer {
  /**
   * @param {() => void} run what to do when the timer fires
   * @param {{debounceMs: number, maxWaitMs: number}} timing wait `debounceMs` after the last change, but no
   *   more than `maxWaitMs` after the first
   */
  constructor(run, { debounceMs, maxWaitMs }) {
    this.run = run;
    this.debounceMs = debounceMs;
    this.maxWaitMs = maxWaitMs;
    this.timer = 0;
    this.firstChangeAt = 0;
  }

  /** A change happened now. */
  schedule() {
    const now = performance.now();
    if (!this.firstChangeAt) this.firstChangeAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstChangeAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.fire(), wait);
  }

  /**
   * Run no earlier than `ms` from now (a later change may still move it further).
   * @param {number} ms
   */
  scheduleIn(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), Math.max(0, ms));
  }

  fire() {
    this.firstChangeAt = 0;
    this.timer = 0;
    this.run();
  }
}
