/**
 * A sliding-window rate limit per key (the worker keys by message type and tab). No extension API here, so
 * Node can test it.
 */

export class RateLimiter {
  /**
   * @param {{count: number, windowMs: number}} limit at most `count` events per `windowMs` for each key
   * @param {() => number} [now] the clock (milliseconds); tests pass their own
   */
  constructor({ count, windowMs }, now = () => Date.now()) {
    this.count = count;
    this.windowMs = windowMs;
    this.now = now;
    /** @type {Map<string, number[]>} times of the events still inside the window, oldest first */
    this.events = new Map();
  }

  /**
   * Count one event for `key` if the limit allows it.
   * @param {string} key
   * @returns {boolean} whether the event may go ahead
   */
  take(key) {
    const now = this.now();
    const recent = (this.events.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.count) {
      this.events.set(key, recent);
      return false;
    }
    recent.push(now);
    this.events.set(key, recent);
    return true;
  }

  /**
   * Forget a key (its tab closed).
   * @param {string} key
   */
  forget(key) {
    this.events.delete(key);
  }
}
