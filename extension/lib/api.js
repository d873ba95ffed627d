/**
 * The local TermsLens service over HTTP: the only code that fetches it (the worker imports this module;
 * content scripts never do). Every call resolves to {ok: true, data} or {ok: false, error: {code, message}};
 * nothing here throws.
 *
 * Busy is not dead. Only a refused connection means the service is not running ("service_unavailable").
 * A timeout, or a 503 whose body says {"error": {"code": "busy"}}, means it runs but has more work than it
 * takes on ("busy", with the Retry-After it asked for): analyses are retried with back-off, and the popup
 * says "busy, retrying…" instead of telling the user to start a service that is already running.
 */
import { BUSY_RETRY, SERVICE_HOST, TIMEOUTS } from "./constants.js";

export const ERROR_CODES = Object.freeze({ UNAVAILABLE: "service_unavailable", BUSY: "busy", BAD_RESPONSE: "bad_response" });

/**
 * The service's base URL on a port.
 * @param {number} port
 * @returns {string}
 */
export function baseUrl(port) {
  return `http://${SERVICE_HOST}:${port}/api/v1`;
}

/**
 * Milliseconds a Retry-After header asks for (delta-seconds form; the service sends no dates), or null.
 * @param {string|null} value
 * @returns {number|null}
 */
export function retryAfterMs(value) {
  return value !== null && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) * 1000 : null;
}

const busy = (message, retryAfter = null) => ({ ok: false, error: { code: ERROR_CODES.BUSY, message, retryAfterMs: retryAfter } });

async function call(port, path, { method = "GET", body, timeout }) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  let response;
  try {
    response = await fetch(baseUrl(port) + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
    });
  } catch (error) {
    if (error?.name === "AbortError") return busy(`TermsLens is busy: no answer within ${timeout / 1000} s.`);
    // fetch rejects with a TypeError when nothing accepts the connection: the service is not running.
    return { ok: false, error: { code: ERROR_CODES.UNAVAILABLE, message: "TermsLens is not running." } };
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = response.status === 204 ? null : await response.json();
  } catch {
    if (response.status === 503) return busy("TermsLens is busy; try again in a moment.", retryAfterMs(response.headers.get("Retry-After")));
    return { ok: false, error: { code: ERROR_CODES.BAD_RESPONSE, message: `TermsLens answered ${response.status} without JSON.` } };
  }
  if (!response.ok) {
    const error = data?.error;
    const code = typeof error?.code === "string" ? error.code.slice(0, 60) : `http_${response.status}`;
    if (response.status === 503 && code === ERROR_CODES.BUSY) {
      return busy("TermsLens is busy; try again in a moment.", retryAfterMs(response.headers.get("Retry-After")));
    }
    return {
      ok: false,
      error: { code, message: typeof error?.message === "string" ? error.message.slice(0, 500) : `TermsLens answered ${response.status}.` },
    };
  }
  return { ok: true, data };
}

/**
 * How long to wait before retry number `attempt` (0-based): doubling from `baseMs`, at most `maxMs`, or
 * longer when the service asked for it (also at most `maxMs`).
 * @param {number} attempt
 * @param {number|null} asked the service's Retry-After in ms
 * @param {{baseMs: number, maxMs: number}} [policy]
 * @returns {number}
 */
export function backoffMs(attempt, asked = null, { baseMs, maxMs } = BUSY_RETRY) {
  return Math.min(maxMs, Math.max(baseMs * 2 ** attempt, asked ?? 0));
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `request()` again while it answers busy, with back-off, up to `retries` more times.
 * @param {() => Promise<object>} request
 * @param {{retries?: number, sleep?: (ms: number) => Promise<void>}} [options] tests pass their own sleep
 * @returns {Promise<object>} the first answer that is not busy, or the last busy one
 */
export async function retryWhileBusy(request, { retries = BUSY_RETRY.retries, sleep = delay } = {}) {
  let answer = await request();
  for (let attempt = 0; attempt < retries && !answer.ok && answer.error.code === ERROR_CODES.BUSY; attempt += 1) {
    await sleep(backoffMs(attempt, answer.error.retryAfterMs));
    answer = await request();
  }
  return answer;
}

/**
 * GET /health.
 * @param {number} port
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function health(port) {
  return call(port, "/health", { timeout: TIMEOUTS.health });
}

/**
 * POST /analyze {url, title, text}, retried while the service is busy.
 * @param {number} port
 * @param {{url: string, title: string, text: string}} page
 * @param {{sleep?: (ms: number) => Promise<void>}} [options]
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function analyze(port, page, options = {}) {
  return retryWhileBusy(() => call(port, "/analyze", { method: "POST", body: page, timeout: TIMEOUTS.analyze }), options);
}

/**
 * GET /site?url= : the service behind a URL with its records and actions.
 * @param {number} port
 * @param {string} url
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function site(port, url) {
  return call(port, `/site?url=${encodeURIComponent(url)}`, { timeout: TIMEOUTS.health * 2 });
}

/**
 * POST /feedback {record_id, category, url, exact, note}: a "this looks wrong" report, kept by the service.
 * Not retried: the person sees "busy" and can send it again.
 * @param {number} port
 * @param {{record_id: string|null, category: string, url: string, exact: string, note: string}} report
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function feedback(port, report) {
  return call(port, "/feedback", { method: "POST", body: report, timeout: TIMEOUTS.feedback });
}

/**
 * POST /history/read {url}: the reader has seen what changed in the document at `url` (its newest version).
 * @param {number} port
 * @param {string} url
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function markRead(port, url) {
  return call(port, "/history/read", { method: "POST", body: { url }, timeout: TIMEOUTS.history });
}

/**
 * GET /history?url= : what the history keeps of the document at `url` (404 unknown_document when nothing).
 * @param {number} port
 * @param {string} url
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function documentHistory(port, url) {
  return call(port, `/history?url=${encodeURIComponent(url)}`, { timeout: TIMEOUTS.history });
}

/**
 * POST /watch {url} (watch) or DELETE /watch?url= (stop): the one feature that makes the service fetch pages.
 * @param {number} port
 * @param {string} url
 * @param {boolean} on
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function watchDocument(port, url, on) {
  return on
    ? call(port, "/watch", { method: "POST", body: { url }, timeout: TIMEOUTS.history })
    : call(port, `/watch?url=${encodeURIComponent(url)}`, { method: "DELETE", timeout: TIMEOUTS.history });
}

/**
 * One record (GET /records/<id>): the worker reads a completed opt-out's flow from it.
 * @param {number} port
 * @param {string} recordId
 * @returns {Promise<{ok: boolean, data?: object, error?: object}>}
 */
export function record(port, recordId) {
  return call(port, `/records/${encodeURIComponent(recordId)}`, { timeout: TIMEOUTS.feedback });
}

/**
 * The completed opt-outs the service keeps (GET /optouts).
 * @param {number} port
 * @returns {Promise<{ok: boolean, data?: {optouts: object[]}, error?: object}>}
 */
export function optouts(port) {
  return call(port, "/optouts", { timeout: TIMEOUTS.health });
}

/**
 * Tell the service what the guide saw (POST /optouts): an opt-out verified, or found undone.
 * @param {number} port
 * @param {{record_id: string, action: string, setting: string, state: string, page_url: string, date: string, outcome: "verified"|"lapsed"}} report
 * @returns {Promise<{ok: boolean, data?: {optout: object}, error?: object}>}
 */
export function recordOptout(port, report) {
  return call(port, "/optouts", { method: "POST", body: report, timeout: TIMEOUTS.feedback });
}
