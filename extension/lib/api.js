/**
 * The local TermsLens service over HTTP: the only code that fetches it (the worker imports this module;
 * content scripts never do). Every call resolves to {ok: true, data} or {ok: false, error: {code, message}};
 * nothing here throws.
 */
import { SERVICE_HOST, TIMEOUTS } from "./constants.js";

/**
 * The service's base URL on a port.
 * @param {number} port
 * @returns {string}
 */
export function baseUrl(port) {
  return `http://${SERVICE_HOST}:${port}/api/v1`;
}

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
    // A refused connection and a timeout both mean, to the user, that the service is not there.
    const timedOut = error?.name === "AbortError";
    return {
      ok: false,
      error: {
        code: "service_unavailable",
        message: timedOut ? `TermsLens did not answer within ${timeout / 1000} s.` : "TermsLens is not running.",
      },
    };
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = response.status === 204 ? null : await response.json();
  } catch {
    return { ok: false, error: { code: "bad_response", message: `TermsLens answered ${response.status} without JSON.` } };
  }
  if (!response.ok) {
    const error = data?.error;
    return {
      ok: false,
      error: {
        code: typeof error?.code === "string" ? error.code : `http_${response.status}`,
        message: typeof error?.message === "string" ? error.message : `TermsLens answered ${response.status}.`,
      },
    };
  }
  return { ok: true, data };
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
 * POST /analyze {url, title, text}.
 * @param {number} port
 * @param {{url: string, title: string, text: string}} page
 */
export function analyze(port, page) {
  return call(port, "/analyze", { method: "POST", body: page, timeout: TIMEOUTS.analyze });
}

/**
 * GET /site?url= : the service behind a URL with its records and actions.
 * @param {number} port
 * @param {string} url
 */
export function site(port, url) {
  return call(port, `/site?url=${encodeURIComponent(url)}`, { timeout: TIMEOUTS.health * 2 });
}

/**
 * POST /feedback {record_id, category, url, exact, note}: a "this looks wrong" report, kept by the service.
 * @param {number} port
 * @param {{record_id: string|null, category: string, url: string, exact: string, note: string}} report
 */
export function feedback(port, report) {
  return call(port, "/feedback", { method: "POST", body: report, timeout: TIMEOUTS.feedback });
}
