/**
 * Completed opt-outs (issue 15), as the worker sees them: the service keeps them (POST/GET /optouts, no page
 * text); this module reports what a tab's guide verified or found undone, lists them for the popup, and
 * builds the silent "watch" guidance for a settings page where the person completed an opt-out, so the guide
 * can say plainly when the control is back on.
 */
import * as api from "../lib/api.js";
import { isFlowPage, localIsoDate, runnable } from "../lib/flow.js";
import { withActionKeys } from "../lib/identity.js";
import { checkAction, checkService } from "../lib/validate.js";

/** The service's list is read again after this long (it changes only through this worker, which drops it). */
const LIST_TTL_MS = 60_000;
let cached = { at: 0, port: null, list: null };
let refreshing = null;

function refresh(port) {
  refreshing ??= api
    .optouts(port)
    .then((answer) => {
      const rows = answer.ok && Array.isArray(answer.data?.optouts) ? answer.data.optouts.filter((o) => typeof o?.record_id === "string") : [];
      cached = { at: Date.now(), port, list: answer.ok ? rows : null };
      return rows;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * The completed opt-outs, from the service; [] when it cannot be asked. Every page load asks (through
 * getPageConfig), so a list already read is answered at once and refreshed behind it when old: a busy
 * service never holds up a page.
 * @param {number} port
 * @returns {Promise<object[]>}
 */
export async function list(port) {
  if (cached.list && cached.port === port) {
    if (Date.now() - cached.at > LIST_TTL_MS) refresh(port).catch(() => {});
    return cached.list;
  }
  return refresh(port);
}

/**
 * The completed opt-outs of one service, for the popup: {setting, state, since, verified, lapsed}.
 * @param {number} port
 * @param {string|null} serviceId
 * @returns {Promise<object[]>}
 */
export async function forService(port, serviceId) {
  if (!serviceId) return [];
  const str = (v) => (typeof v === "string" ? v.slice(0, 120) : null);
  return (await list(port))
    .filter((o) => o.service_id === serviceId)
    .map((o) => ({ setting: str(o.setting), state: str(o.state), since: str(o.since), verified: str(o.verified), lapsed: str(o.lapsed) }))
    .filter((o) => o.setting && o.state && o.since);
}

/**
 * Report what the guide of a tab saw to the service.
 * @param {number} port
 * @param {object} guidance the tab's guidance (with recordId, actionKey and a flow)
 * @param {string} state what the control read
 * @param {"verified"|"lapsed"} outcome
 */
export async function report(port, guidance, state, outcome) {
  if (!guidance?.recordId || !guidance.actionKey || !runnable(guidance.flow)) {
    return { ok: false, error: { code: "no_guidance", message: "No opt-out is being guided in this tab." } };
  }
  const answer = await api.recordOptout(port, {
    record_id: guidance.recordId,
    action: guidance.actionKey,
    setting: guidance.flow.setting,
    state: outcome === "verified" ? state : wantedState(guidance.flow),
    page_url: guidance.flow.page.url,
    date: localIsoDate(),
    outcome,
  });
  cached = { at: 0, port: null, list: null };
  await refresh(port).catch(() => {});
  return answer;
}

function wantedState(flow) {
  const step = flow.steps.find((s) => s.want);
  return typeof step?.want === "object" ? step.want.choice : step?.want ?? "off";
}

/**
 * Guidance for a settings page the person completed an opt-out on, phase "watch": the guide stays hidden
 * unless the control is back in the unwanted state. Null when `url` is no such page.
 * @param {number} port
 * @param {string} url
 * @returns {Promise<object|null>}
 */
export async function watchGuidance(port, url) {
  const done = (await list(port)).find((o) => typeof o.page_url === "string" && isFlowPage(url, o.page_url));
  if (!done) return null;
  const answer = await api.record(port, done.record_id);
  if (!answer.ok) return null;
  const actions = withActionKeys((Array.isArray(answer.data?.actions) ? answer.data.actions : []).map(checkAction).filter(Boolean));
  const action = actions.find((a) => a.key === done.action && runnable(a.flow));
  if (!action) return null;
  return {
    url: action.url,
    label: action.label,
    kind: action.kind,
    steps: action.steps,
    caveats: action.caveats,
    serviceName: checkService(answer.data?.service)?.name ?? null,
    recordTitle: typeof answer.data?.title === "string" ? answer.data.title.slice(0, 300) : null,
    flow: action.flow,
    phase: "watch",
    since: done.since,
    recordId: done.record_id,
    actionKey: done.action,
  };
}
