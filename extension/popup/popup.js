/**
 * The toolbar popup: asks the worker for the tab's summary and renders it. It keeps no state of its own.
 * `?tabId=N` points it at a tab (tests open it as a normal page); otherwise it describes the active tab.
 * `<html data-popup-state="ready">` tells tests it has rendered.
 */
import { ext } from "../lib/browser.js";
import { h, icon, ICONS, shortHost, trusted } from "../lib/dom.js";
import {
  ACTION_KIND_LABELS,
  CHANGE_KIND_LABELS,
  CHANGING_KINDS,
  FAVOURABLE_STANCE,
  GENERIC_KIND,
  OPT_OUT_KIND,
  SEVERITY_LABELS,
  categoryName,
  changedSince,
  describeReason,
} from "../lib/labels.js";
import { POPUP_BUSY_RETRY } from "../lib/constants.js";
import { sinceText, longDate } from "../lib/flow.js";
import { MSG } from "../lib/messages.js";
import { SEVERITIES } from "../lib/vocabulary.js";

const content = document.getElementById("content");
// Action kinds that change something for the user, listed under "Opt out and settings".
const SETTING_KINDS = new Set(CHANGING_KINDS);

async function tabIdFromContext() {
  const param = new URLSearchParams(location.search).get("tabId");
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function ask(message) {
  try {
    return (await ext.runtime.sendMessage(message)) ?? { ok: false, error: { message: "No answer from the extension." } };
  } catch (error) {
    return { ok: false, error: { message: String(error?.message ?? error) } };
  }
}

function setReady(state = "ready") {
  content.setAttribute("aria-busy", "false");
  document.documentElement.dataset.popupState = state;
}

function renderOffline(status, tabId) {
  const copy = h("button", { type: "button", class: "button small" }, icon(ICONS.copy, { size: 14 }), "Copy");
  copy.addEventListener("click", trusted(async () => {
    try {
      await navigator.clipboard.writeText(status.command);
      copy.lastChild.textContent = "Copied";
    } catch {
      copy.lastChild.textContent = "Select it";
    }
  }));
  const retry = h("button", { type: "button", class: "button primary", onclick: () => render(tabId) }, icon(ICONS.refresh, { size: 15 }), "Check again");
  content.replaceChildren(
    h(
      "section",
      { class: "offline", role: "alert", "aria-labelledby": "offline-title" },
      h("div", { class: "offline-icon" }, icon(ICONS.terminal, { size: 22 })),
      h("h2", { id: "offline-title" }, "TermsLens isn't running"),
      h(
        "p",
        {},
        "The extension explains clauses with a small service on your own computer, and it isn't answering on port ",
        h("strong", {}, String(status.port)),
        ". Start it in a terminal:",
      ),
      h("div", { class: "command" }, h("code", { id: "start-command" }, status.command), copy),
      h("p", { class: "muted" }, "Then reload the page or press Check again. Nothing you read is sent anywhere else."),
      h("div", { class: "row" }, retry, h("button", { type: "button", class: "button", onclick: () => ext.runtime.openOptionsPage() }, "Change the port")),
    ),
  );
  setReady("offline");
}

/** Firefox, not paired yet: the command that pairs this install, with its code. */
function renderUnpaired(status) {
  const command = status.pairing ? `termslens pair ${status.pairing.code}` : "termslens pair";
  content.replaceChildren(
    h(
      "section",
      { class: "offline", role: "alert", "aria-labelledby": "pair-title" },
      h("div", { class: "offline-icon" }, icon(ICONS.terminal, { size: 22 })),
      h("h2", { id: "pair-title" }, "Pair TermsLens with Firefox"),
      h("p", {}, "The service is running, but it answers only the browsers you pair with it, once. Run this in a terminal:"),
      h("div", { class: "command" }, h("code", { id: "pair-command" }, command)),
      h("p", { class: "muted" }, "The settings page shows the same code and tells you when it worked."),
      h("div", { class: "row" }, h("button", { type: "button", class: "button", onclick: () => ext.runtime.openOptionsPage() }, "Open the settings")),
    ),
  );
  setReady("unpaired");
}

// While the service is busy the popup asks again, waiting longer each time (reset once it answers).
let busyAttempt = 0;
let busyTimer = 0;

function renderBusy(status, tabId) {
  const wait = Math.min(POPUP_BUSY_RETRY.maxMs, POPUP_BUSY_RETRY.baseMs * 2 ** busyAttempt);
  busyAttempt += 1;
  content.replaceChildren(
    h(
      "section",
      { class: "offline busy", role: "status", "aria-labelledby": "busy-title" },
      h("div", { class: "offline-icon" }, icon(ICONS.refresh, { size: 22 })),
      h("h2", { id: "busy-title" }, "TermsLens is busy, retrying…"),
      h(
        "p",
        {},
        "The service on port ",
        h("strong", {}, String(status.port)),
        " is running but has more work than it can take on right now. This page is read as soon as it answers.",
      ),
    ),
  );
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => render(tabId), wait);
  setReady("busy");
}

/**
 * Who curated the imported clauses on this page, once for the page ("3 of these clauses were curated by ToS;DR
 * volunteers…"), with the licence; null when every clause is TermsLens's own.
 */
function provenanceLine(result) {
  const imported = (result?.annotations ?? []).filter((a) => a.provenance);
  if (!imported.length) return null;
  const p = imported[0].provenance;
  const credit = (p.credit ?? `Curated by ${p.project}`).replace(/^Curated/, "curated");
  const lead = imported.length === 1 ? "1 clause here was" : `${imported.length} clauses here were`;
  return h(
    "p",
    { class: "provenance", id: "provenance" },
    `${lead} ${credit} (${p.licence}${p.snapshot ? `, quoted in ${p.snapshot} or earlier` : ""}), not checked by TermsLens.`,
  );
}

function severityChips(summary) {
  return h(
    "ul",
    { class: "chips", "aria-label": "Clauses by severity" },
    SEVERITIES.map((severity) =>
      h(
        "li",
        { class: `chip sev-${severity}${summary.by_severity[severity] ? "" : " zero"}`, dataset: { severity } },
        h("span", { class: "count" }, String(summary.by_severity[severity])),
        h("span", {}, SEVERITY_LABELS[severity]),
      ),
    ),
  );
}

/**
 * The digest: the few clause types that matter most, most important first (the service ranks them). Each
 * entry shows its clause on the page; an entry for several clauses ("×12") shows the first, then the next on
 * each further click, and says which one it is showing.
 */
function digestSection(result, tabId) {
  const status = h("p", { class: "list-status muted", role: "status" });
  const entries = result.digest.map((entry) => {
    let next = 0;
    const position = h("span", { class: "digest-position", "aria-live": "polite" });
    const times = entry.count > 1 ? `×${entry.count}` : "";
    const meta = entry.title === categoryName(entry.category) ? [] : [categoryName(entry.category)];
    if (entry.can_act) meta.push("you can act");
    if (entry.kind === GENERIC_KIND) meta.push("recognised by its wording");
    const button = h(
      "button",
      {
        type: "button",
        class: `digest-entry sev-${entry.severity}`,
        dataset: { category: entry.category, severity: entry.severity, count: entry.count, stance: entry.stance },
        // The name is the visible text (axe: label-content-name-mismatch), the severity read before it.
        title: "Show it on the page",
        onclick: async () => {
          const shown = next;
          const reply = await ask({ type: MSG.SHOW_CLAUSE, tabId, id: entry.annotation_ids[shown] });
          if (!reply.ok) {
            status.textContent = reply.error?.message ?? "Could not show that clause.";
            return;
          }
          status.textContent = "";
          next = (shown + 1) % entry.count;
          if (entry.count > 1) position.textContent = `${shown + 1} of ${entry.count}`;
        },
      },
      h("span", { class: `dot sev-${entry.severity}`, "aria-hidden": "true" }),
      h(
        "span",
        { class: "digest-text" },
        h("span", { class: "sr-only" }, `${SEVERITY_LABELS[entry.severity]} severity: `),
        h("span", { class: "digest-title" }, entry.title),
        h(
          "span",
          { class: "digest-meta" },
          meta.join(" · "),
          entry.stance === FAVOURABLE_STANCE ? h("span", { class: "favourable" }, " · in your favour") : null,
        ),
      ),
      h("span", { class: "digest-side" }, times ? h("span", { class: "times" }, times) : null, position),
    );
    return h("li", {}, button);
  });
  return h(
    "section",
    { class: "digest", "aria-labelledby": "digest-title" },
    h("h2", { id: "digest-title" }, "What matters most"),
    h("ol", { class: "digest-list" }, entries),
    status,
  );
}

/** "All N clauses": the page's clauses in page order, shown on demand (at once when there is no digest). */
function allClauses(result, tabId) {
  const [list, status] = clauseList(result, tabId);
  const total = result.summary.total;
  const label = `All ${total} clause${total === 1 ? "" : "s"}`;
  list.id = "all-clauses";
  if (!result.digest.length) return h("div", { class: "all" }, list, status);
  list.hidden = true;
  const toggle = h(
    "button",
    { type: "button", id: "show-all", class: "button small", "aria-expanded": "false", "aria-controls": "all-clauses" },
    label,
  );
  toggle.addEventListener("click", trusted(() => {
    const opening = list.hidden;
    list.hidden = !opening;
    toggle.setAttribute("aria-expanded", String(opening));
    toggle.textContent = opening ? "Hide the list" : label;
  }));
  return h("div", { class: "all" }, toggle, list, status);
}

function clauseList(result, tabId) {
  const status = h("p", { class: "list-status muted", role: "status" });
  const list = h(
    "ol",
    { class: "clauses", "aria-label": "Clauses on this page, in page order" },
    result.annotations.map((a, index) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "clause",
            dataset: { id: a.id, severity: a.severity },
            // The name is the visible text (axe: label-content-name-mismatch), the severity read before it.
            title: "Show it on the page",
            onclick: async () => {
              const reply = await ask({ type: MSG.SHOW_CLAUSE, tabId, id: a.id });
              status.textContent = reply.ok ? "" : reply.error?.message ?? "Could not show that clause.";
            },
          },
          h("span", { class: `num sev-${a.severity}`, "aria-hidden": "true" }, String(index + 1)),
          h(
            "span",
            { class: "clause-text" },
            h("span", { class: "sr-only" }, `${SEVERITY_LABELS[a.severity]} severity: `),
            h("span", { class: "clause-title" }, a.title),
            h(
              "span",
              { class: "clause-meta" },
              a.kind === GENERIC_KIND ? "Recognised by its wording" : categoryName(a.category),
              a.stance === FAVOURABLE_STANCE ? h("span", { class: "favourable" }, " · in your favour") : null,
              a.provenance ? h("span", { class: "imported" }, ` · from ${a.provenance.project}`) : null,
            ),
          ),
        ),
      ),
    ),
  );
  return [list, status];
}

/** Actions that change something, from the page's clauses first, then the service's other records. */
function settingActions(result, site) {
  const seen = new Set();
  const items = [];
  const add = (action, message, context) => {
    if (!action.url || !SETTING_KINDS.has(action.kind)) return;
    const key = `${action.kind} ${action.url} ${action.label}`;
    if (seen.has(key)) return;
    seen.add(key);
    items.push({ action, message, context });
  };
  result?.annotations.forEach((a) =>
    a.actions.forEach((action) => add(action, { source: "annotation", id: a.id, action: action.key }, a.title)),
  );
  site?.actions.forEach((action) => add(action, { source: "site", id: action.record_id, action: action.key }, action.recordTitle));
  // Opt-outs first: they are what the popup is most often opened for.
  const optOut = (item) => Number(item.action.kind === OPT_OUT_KIND);
  items.sort((x, y) => optOut(y) - optOut(x));
  return items;
}

function actionsSection(items, tabId) {
  if (!items.length) return null;
  const status = h("p", { class: "muted", role: "status" });
  return h(
    "section",
    { class: "actions", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, "Opt out and settings"),
    h(
      "ul",
      {},
      items.map(({ action, message, context }) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: `action${action.kind === OPT_OUT_KIND ? " opt-out" : ""}`,
              dataset: { kind: action.kind },
              title: action.url,
              onclick: async () => {
                const reply = await ask({ type: MSG.OPEN_ACTION, tabId, ...message });
                if (reply.ok) window.close();
                else status.textContent = reply.error?.message ?? "Could not open that page.";
              },
            },
            h("span", { class: "action-kind" }, ACTION_KIND_LABELS[action.kind] ?? action.kind),
            h("span", { class: "action-label" }, action.label),
            h("span", { class: "action-host" }, shortHost(action.url), icon(ICONS.external, { size: 12 })),
            context ? h("span", { class: "sr-only" }, ` (about: ${context})`) : null,
          ),
        ),
      ),
    ),
    status,
  );
}

/**
 * "Changed since you read it on …": the changes that matter first, each with why; removed passages listed
 * with their old wording (they are no longer on the page to mark); "Mark as read".
 */
function changesSection(changes, tabId) {
  if (!changes) return null;
  const status = h("p", { class: "muted", role: "status" });
  const ordered = [...changes.items].sort((x, y) => Number(y.material) - Number(x.material));
  const mark = h("button", { type: "button", id: "mark-read", class: "button primary small" }, "Mark as read");
  mark.addEventListener("click", trusted(async () => {
    mark.disabled = true;
    const reply = await ask({ type: MSG.MARK_READ, tabId });
    if (reply.ok) render(tabId);
    else {
      mark.disabled = false;
      status.textContent = reply.error?.message ?? "Could not mark the page as read.";
    }
  }));
  const item = (change) =>
    h(
      "li",
      { class: `change${change.material ? " material" : ""}`, dataset: { id: change.id, kind: change.kind } },
      h(
        "span",
        { class: "change-head" },
        h("span", { class: "change-kind" }, CHANGE_KIND_LABELS[change.kind] ?? change.kind),
        change.material ? h("span", { class: "change-matters" }, "matters") : null,
        change.category ? h("span", { class: "clause-meta" }, ` · ${categoryName(change.category)}`) : null,
      ),
      change.reasons.length ? h("ul", { class: "change-reasons" }, change.reasons.slice(0, 3).map((r) => h("li", {}, describeReason(r)))) : null,
      change.kind !== "removed" && change.new ? h("p", { class: "change-excerpt" }, clip(change.new.text, 120)) : null,
      change.kind === "removed" && change.old ? h("blockquote", { class: "removed-text" }, clip(change.old, 400)) : null,
    );
  const removed = ordered.filter((c) => c.kind === "removed");
  const shown = ordered.filter((c) => c.kind !== "removed");
  return h(
    "section",
    { class: "changes", "aria-labelledby": "changes-title" },
    h("h2", { id: "changes-title" }, changedSince(changes)),
    shown.length ? h("ol", { class: "change-list", "aria-label": "Changed passages, marked on the page" }, shown.map(item)) : null,
    removed.length
      ? [h("h3", { id: "removed-title" }, `Removed since you read it (${removed.length})`), h("ol", { class: "change-list removed", "aria-labelledby": "removed-title" }, removed.map(item))]
      : null,
    h("div", { class: "row" }, mark),
    status,
  );
}

function clip(text, max) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "Watch this document": the service checks it daily and keeps new versions, so changes wait for the reader. */
function watchButton(tabId, kept) {
  if (!kept) return null;
  const status = h("p", { class: "muted small", role: "status" });
  const button = h("button", { type: "button", id: "watch", class: "button", "aria-pressed": String(kept.watched) },
    icon(ICONS.refresh, { size: 14 }), kept.watched ? "Watching for changes" : "Watch this document");
  button.addEventListener("click", trusted(async () => {
    button.disabled = true;
    const on = button.getAttribute("aria-pressed") !== "true";
    const reply = await ask({ type: MSG.WATCH_DOCUMENT, tabId, watch: on });
    button.disabled = false;
    if (reply.ok) {
      button.setAttribute("aria-pressed", String(on));
      button.lastChild.textContent = on ? "Watching for changes" : "Watch this document";
      status.textContent = on ? "TermsLens will fetch this page once a day and tell you when it changes." : "";
    } else {
      status.textContent = reply.error?.message ?? "Could not change that.";
    }
  }));
  return [button, status];
}

/** The opt-outs the person completed for this service, as the service keeps them: "Model training: off since 2 December". */
function completedSection(optouts) {
  if (!optouts.length) return null;
  return h(
    "section",
    { class: "completed", "aria-labelledby": "completed-title" },
    h("h2", { id: "completed-title" }, "Your opt-outs here"),
    h(
      "ul",
      {},
      optouts.map((o) =>
        h(
          "li",
          { class: `completed-item${o.lapsed ? " lapsed" : ""}` },
          h("span", { class: "completed-text" }, sinceText(o)),
          o.lapsed
            ? h("span", { class: "completed-note" }, `Found switched back on ${longDate(o.lapsed, { year: false })}: open the setting again to fix it.`)
            : h("span", { class: "completed-note muted" }, `Last checked ${longDate(o.verified, { year: false })}`),
        ),
      ),
    ),
  );
}

async function analyseButton(tabId, analysed) {
  const button = h(
    "button",
    { type: "button", id: "analyse", class: `button${analysed ? "" : " primary"}` },
    icon(ICONS.lens, { size: 15 }),
    analysed ? "Analyse again" : "Analyse this page",
  );
  button.addEventListener("click", trusted(async () => {
    button.disabled = true;
    button.lastChild.textContent = "Analysing…";
    content.setAttribute("aria-busy", "true");
    document.documentElement.dataset.popupState = "analyzing";
    const reply = await ask({ type: MSG.ANALYZE_TAB, tabId });
    if (!reply?.ok && !["service_unavailable", "busy"].includes(reply?.error?.code)) {
      button.disabled = false;
      button.lastChild.textContent = reply?.error?.message ?? "Could not analyse this page";
      setReady();
      return;
    }
    render(tabId);
  }));
  return button;
}

async function render(tabId) {
  document.documentElement.dataset.popupState = "loading";
  if (tabId === null) {
    content.replaceChildren(h("p", { class: "muted" }, "No tab to describe."));
    setReady();
    return;
  }
  const reply = await ask({ type: MSG.GET_TAB_SUMMARY, tabId });
  if (!reply.ok) {
    content.replaceChildren(h("p", { class: "error" }, reply.error?.message ?? "Something went wrong."));
    setReady("error");
    return;
  }
  const { status, result, site, url, pageStatus, document: kept } = reply.data;
  if (status.busy) {
    renderBusy(status, tabId);
    return;
  }
  busyAttempt = 0;
  if (!status.running) {
    renderOffline(status, tabId);
    return;
  }
  if (status.paired === false) {
    renderUnpaired(status);
    return;
  }
  const service = result?.service ?? site?.service ?? null;
  const readable = typeof url === "string" && /^https?:/.test(url);
  const parts = [];
  parts.push(
    h(
      "section",
      { class: "page", "aria-label": "This page" },
      h("p", { class: "service", id: "service-name" }, service ? service.name : readable ? shortHost(url) : "This page"),
      h(
        "p",
        { class: "muted" },
        service
          ? service.matched_by === "content"
            ? "Recognised from the text of the page"
            : `Known service · ${readable ? shortHost(url) : ""}`
          : readable
            ? "No records for this site yet"
            : "TermsLens reads web pages only",
      ),
      provenanceLine(result),
    ),
  );
  if (result?.changes) parts.push(changesSection(result.changes, tabId));
  if (result) {
    const total = result.summary.total;
    const checked = { ...result, digest: result.digest ?? [] };
    // The digest first; the counts and the whole list after it, the list on demand.
    if (total && checked.digest.length) parts.push(digestSection(checked, tabId));
    parts.push(
      h(
        "section",
        { class: "summary", "aria-labelledby": "summary-title" },
        h("h2", { id: "summary-title" }, total ? `${total} clause${total === 1 ? "" : "s"} worth knowing on this page` : "No clauses TermsLens knows about on this page"),
        severityChips(result.summary),
        total ? allClauses(checked, tabId) : null,
      ),
    );
  } else if (readable) {
    parts.push(
      h(
        "p",
        { class: "empty" },
        pageStatus === "error"
          ? "The last analysis of this page failed. Try again."
          : pageStatus === "busy"
            ? "TermsLens was busy when this page loaded; it will read the page again shortly."
            : "TermsLens reads terms, privacy, cookie and legal pages on its own. To read this page too, analyse it; its text stays on your computer.",
      ),
    );
  }
  parts.push(completedSection(reply.data.optouts ?? []));
  parts.push(actionsSection(settingActions(result, site), tabId));
  if (readable) parts.push(h("div", { class: "footer-row" }, await analyseButton(tabId, Boolean(result)), watchButton(tabId, kept)));
  content.replaceChildren(...parts.filter(Boolean));
  setReady();
}

document.getElementById("open-options").appendChild(icon(ICONS.settings, { size: 18 }));
document.getElementById("open-options").addEventListener("click", trusted(() => ext.runtime.openOptionsPage()));
tabIdFromContext().then(render);
