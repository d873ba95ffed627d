/**
 * The clause card: what a clause means, why it matters and what you can do, built with DOM calls only
 * (record and page text are never parsed as HTML). Behaviour (open, close, position) is content/popover.js.
 *
 * Every listener acts on trusted events only (lib/dom.js h() and trusted()), and the two that reach the
 * worker, opening an action and sending a report, also need the page's transient user activation
 * (isUserGesture): a page script that somehow held these buttons could not press them.
 */
import { isHttpsUrl } from "../lib/validate.js";
import { closeOnEscape, formatDate, h, icon, ICONS, isUserGesture, shortHost, trusted } from "../lib/dom.js";
import {
  ACTION_KIND_LABELS,
  CHANGING_KINDS,
  FAVOURABLE_STANCE,
  GENERIC_KIND,
  GPC_CATEGORIES,
  SAME_WORDING,
  SEVERITY_LABELS,
  STANCE_LABELS,
  describeReason,
} from "../lib/labels.js";
import { runnable } from "../lib/flow.js";
import { wordDiff } from "./changes.js";

// Actions that change something for the user come first and get the filled button.
const PRIMARY_KINDS = new Set(CHANGING_KINDS);

/**
 * A card element for one clause.
 * @param {object} annotation a checked annotation (lib/validate.js checkAnalysis)
 * @param {object} options
 * @param {number} options.number the clause's number in page order (1-based, as on its marker)
 * @param {number} options.total number of clauses on the page
 * @param {string|null} options.serviceName
 * @param {(actionKey: string) => void} options.onAction open an action's link (through the worker)
 * @param {(note: string) => Promise<{ok: boolean, error?: {message: string}}>} options.onReport
 * @param {() => void} options.onClose
 * @returns {HTMLElement}
 */
export function buildCard(annotation, { number, total, serviceName, onAction, onReport, onClose }) {
  const id = `tl-card-${number}`;
  const a = annotation;
  const card = h(
    "section",
    {
      id,
      class: `card sev-${a.severity}`,
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": `${id}-title`,
      "aria-describedby": `${id}-means`,
      tabindex: "-1",
      dataset: { id: annotation.id },
    },
    h(
      "div",
      { class: "card-body" },
      h(
        "div",
        { class: "card-head" },
        h("span", { class: "pill sev" }, h("span", { class: "dot", "aria-hidden": "true" }), `${SEVERITY_LABELS[a.severity]} severity`),
        h("span", { class: `pill stance-${a.stance}` }, STANCE_LABELS[a.stance]),
        h("span", { class: "card-count" }, `${number} of ${total}`),
        h("button", { type: "button", class: "icon-button close", "aria-label": "Close", title: "Close (Esc)", onclick: onClose }, icon(ICONS.close)),
      ),
      h("h2", { id: `${id}-title`, class: "title" }, claimsHold(a) ? a.title : [h("span", { class: "as-checked" }, "As TermsLens checked it: "), a.title]),
      serviceName ? h("p", { class: "service" }, serviceName) : null,
      a.provenance ? provenanceNote(a.provenance) : null,
      a.kind === GENERIC_KIND
        ? h("p", { class: "generic-note" }, "A common kind of clause, recognised by its wording. No curated record covers this service's version yet.")
        : null,
      wordingNotice(a),
      a.means ? [h("h3", {}, claimsHold(a) ? "What it means" : "What it meant in the wording TermsLens checked"), h("p", { id: `${id}-means`, class: "means" }, a.means)] : null,
      a.matters ? [h("h3", {}, claimsHold(a) ? "Why it matters" : "Why that mattered"), h("p", { class: "matters" }, a.matters)] : null,
      claimsHold(a)
        ? null
        : h("p", { class: "claims-caveat" }, "This page words the clause differently in what matters, so the explanation above may not hold here: read the wording on the page."),
      a.peers?.summary ? h("p", { class: "peers" }, icon(ICONS.shield, { size: 15 }), h("span", {}, a.peers.summary)) : null,
      h("h3", {}, "What you can do"),
      a.actions.length || !a.advice.length ? actionList(a, onAction) : null,
      a.advice.length ? h("ul", { class: "advice" }, a.advice.map((tip) => h("li", {}, tip))) : null,
      GPC_CATEGORIES.includes(a.category) ? gpcSection() : null,
      a.regulations.length ? h("p", { class: "laws" }, `Law: ${a.regulations.join(" · ")}`) : null,
      footer(a, id, onReport),
    ),
  );
  closeOnEscape(card, onClose);
  return card;
}

/** Whether the record's explanation can be stated as fact for this page (its wording matches in what matters). */
function claimsHold(a) {
  return !a.wording || a.wording.claims_hold || a.wording.status === SAME_WORDING;
}

/**
 * "The wording here differs from what TermsLens checked on 22 Nov 2026", with each difference that matters,
 * the sentences of the checked wording this page lacks, and the word diff; nothing when the wording is the same.
 */
function wordingNotice(a) {
  const w = a.wording;
  if (!w || w.status === SAME_WORDING) return null;
  const heading = w.verified
    ? `The wording here differs from what TermsLens checked on ${formatDate(w.verified)}`
    : "The wording here differs from the wording this record quotes";
  return h(
    "div",
    { class: `wording-notice ${w.status}`, role: "note" },
    h("strong", {}, heading),
    w.material.length
      ? h("ul", { class: "material" }, w.material.map((reason) => h("li", {}, describeReason(reason, { then: "when checked", now: "here" }))))
      : h("span", {}, "Only in words that do not change what it says."),
    w.absent.length ? h("p", { class: "absent" }, `Not on this page: ${w.absent.map((s) => `“${s}”`).join(" ")}`) : null,
    w.diff.length ? h("details", {}, h("summary", {}, "Show the difference"), wordDiff(w.diff)) : null,
  );
}

function actionList(a, onAction) {
  if (!a.actions.length) {
    return h(
      "p",
      { class: "nothing" },
      a.stance === FAVOURABLE_STANCE ? "Nothing to do: this clause works in your favour." : "No setting changes this clause; keep it in mind when you use the service.",
    );
  }
  const leads = (action) => Number(PRIMARY_KINDS.has(action.kind) && Boolean(action.url));
  const order = [...a.actions].sort((x, y) => leads(y) - leads(x));
  return h("ul", { class: "actions" }, order.map((action) => h("li", {}, actionItem(action, onAction))));
}

function actionItem(action, onAction) {
  const meta = [];
  if (action.deadline) meta.push(h("p", { class: "action-meta" }, h("strong", {}, "Deadline: "), action.deadline));
  const caveats = action.caveats.length
    ? h(
        "details",
        { class: "caveat-list" },
        h("summary", {}, action.caveats.length === 1 ? "1 thing to know" : `${action.caveats.length} things to know`),
        h("ul", { class: "caveats" }, action.caveats.map((c) => h("li", {}, c))),
      )
    : null;
  if (action.url && isHttpsUrl(action.url)) {
    const primary = PRIMARY_KINDS.has(action.kind);
    return [
      h(
        "button",
        {
          type: "button",
          class: `action-button${primary ? " primary" : ""}`,
          "data-action-kind": action.kind,
          "data-action-key": action.key,
          title: action.url,
          onclick: (event) => {
            if (isUserGesture(event)) onAction(action.key);
          },
        },
        h("span", {}, action.label),
        icon(ICONS.external, { size: 14 }),
        h("span", { class: "sr-only" }, `(${ACTION_KIND_LABELS[action.kind] ?? "link"}, opens ${shortHost(action.url)} in a new tab)`),
      ),
      runnable(action.flow)
        ? h("p", { class: "action-meta flow-meta" }, action.flow.steps.some((s) => s.operate)
          ? "TermsLens will point at the control there, can change it for you when you ask, and checks after a reload that it held."
          : "TermsLens will point at the control there and checks after a reload that your change held.")
        : action.steps.length && primary ? h("p", { class: "action-meta" }, `TermsLens will guide you through ${action.steps.length} step${action.steps.length === 1 ? "" : "s"} there.`) : null,
      meta,
      runnable(action.flow) ? flowSection(action.flow) : null,
      caveats,
    ];
  }
  if (action.email) {
    const copy = h("button", { type: "button", class: "small-button" }, "Copy address");
    copy.addEventListener("click", trusted(async () => {
      try {
        await navigator.clipboard.writeText(action.email);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Select and copy it";
      }
    }));
    // A mailto: link with the subject filled in; built from checked parts, never from markup.
    const href = `mailto:${encodeURIComponent(action.email).replace("%40", "@")}${action.subject ? `?subject=${encodeURIComponent(action.subject)}` : ""}`;
    const write = h("a", { class: "small-button write-email", href, target: "_blank", rel: "noopener" }, "Write the email");
    return [
      h("div", { class: "email-row" }, icon(ICONS.mail, { size: 15 }), h("span", {}, action.label), h("code", {}, action.email), write, copy),
      action.steps.length ? h("ol", { class: "email-steps" }, action.steps.map((s) => h("li", {}, s))) : null,
      meta,
      caveats,
    ];
  }
  if (action.steps.length) {
    return [h("details", { class: "steps" }, h("summary", {}, action.label), h("ol", {}, action.steps.map((s) => h("li", {}, s)))), meta, caveats];
  }
  return [h("p", {}, action.label), meta, caveats];
}

/**
 * Who curated an imported record and how old its quote may be, said plainly: the points carry no date and
 * TermsLens has not checked them, so no date is claimed. Links are https only (checkProvenance).
 * @param {object} p a checked provenance
 * @returns {HTMLElement}
 */
export function provenanceNote(p) {
  const credit = p.credit ?? `Curated by ${p.project}`;
  const point = h("a", { href: p.url, target: "_blank", rel: "noopener noreferrer" }, p.point_id ? `${p.project} point ${p.point_id}` : p.project);
  const licence = p.licence_url ? h("a", { href: p.licence_url, target: "_blank", rel: "noopener noreferrer" }, p.licence) : p.licence;
  const age = p.snapshot ? ` Quoted in ${p.snapshot} or earlier; the wording may have changed since.` : " The wording may have changed since it was quoted.";
  return h(
    "p",
    { class: "provenance" },
    `${credit}, not checked by TermsLens.${age} `,
    point,
    " · ",
    licence,
  );
}

/** What to expect after the opt-out, and the questions people ask, from the action's flow. */
function flowSection(flow) {
  if (!flow.expect.length && !flow.faq.length) return null;
  return h(
    "details",
    { class: "caveat-list flow-expect" },
    h("summary", {}, "What to expect"),
    flow.expect.length ? h("ul", { class: "caveats" }, flow.expect.map((e) => h("li", {}, e))) : null,
    flow.faq.map(({ q, a }) => h("div", { class: "faq-item" }, h("p", { class: "faq-q" }, q), h("p", { class: "faq-a" }, a))),
  );
}

// ---- Global Privacy Control on data-sale and sharing clauses ---------------------------------------------

/** Whether this browser sends GPC: the extension's option (content/main.js sets it) or the browser's own. */
let gpcSending = false;

/**
 * Tell the cards whether this browser sends Global Privacy Control.
 * @param {boolean} sending
 */
export function setGpcSending(sending) {
  gpcSending = Boolean(sending) || globalThis.navigator?.globalPrivacyControl === true;
}

function gpcSection() {
  return h(
    "div",
    { class: `gpc ${gpcSending ? "gpc-on" : "gpc-off"}`, dataset: { gpc: gpcSending ? "on" : "off" } },
    h("h3", {}, "Global Privacy Control"),
    h(
      "p",
      {},
      gpcSending
        ? "This browser sends the Global Privacy Control signal (Sec-GPC: 1) to every site. "
        : "This browser does not send the Global Privacy Control signal. ",
      "Where the law honours it, as in California, Colorado and several other US states, a site must treat the signal as your request to opt out of the sale and sharing of your personal data; elsewhere a site may ignore it.",
    ),
    gpcSending ? null : h("p", { class: "action-meta" }, "You can switch it on in TermsLens's settings: “Send Global Privacy Control”."),
  );
}

function footer(a, id, onReport) {
  const parts = [];
  if (a.source_url) {
    parts.push(
      h("span", {}, "Source: ", h("a", { href: a.source_url, target: "_blank", rel: "noopener noreferrer" }, shortHost(a.source_url))),
    );
  }
  if (a.source_date) parts.push(h("span", {}, `Text as of ${formatDate(a.source_date)}`));
  if (a.verified) parts.push(h("span", { class: "verified" }, `Verified ${formatDate(a.verified)}`));
  if (a.kind === GENERIC_KIND) parts.push(h("span", {}, "Detected automatically"));

  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const note = h("textarea", { id: `${id}-note`, maxlength: "2000", placeholder: "For example: the clause was changed, or the explanation is wrong." });
  // A plain button, not a submit button: a form's submit event is trusted even when a script caused it
  // (requestSubmit(), a scripted click on a submit button), a click event is not.
  const send = h("button", { type: "button", class: "action-button primary" }, "Send report");
  const form = h(
    "form",
    { class: "report", hidden: true, "aria-label": "Report a problem with this explanation" },
    h("label", { for: `${id}-note` }, "What looks wrong?"),
    note,
    h("div", { class: "report-row" }, send, h("button", { type: "button", class: "small-button", onclick: () => (form.hidden = true) }, "Cancel")),
    h("p", { class: "hint" }, "Kept on this computer for the people who maintain this record."),
  );
  const toggle = h(
    "button",
    { type: "button", class: "link-button report-toggle", "aria-expanded": "false", onclick: () => {
      form.hidden = !form.hidden;
      toggle.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) {
        note.focus({ preventScroll: true });
        // Once the card has been placed again at its new height, show the form's buttons inside it.
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const card = form.closest(".card");
          const below = form.getBoundingClientRect().bottom - (card?.getBoundingClientRect().bottom ?? 0);
          if (card && below > 0) card.scrollTop += below + 12;
        }));
      }
    } },
    icon(ICONS.flag, { size: 13 }),
    "This looks wrong",
  );
  form.addEventListener("submit", (event) => event.preventDefault());
  send.addEventListener("click", async (event) => {
    if (!isUserGesture(event) || send.disabled) return;
    send.disabled = true;
    status.className = "status";
    status.textContent = "Saving…";
    const reply = await onReport(note.value.trim());
    send.disabled = false;
    if (reply?.ok) {
      form.hidden = true;
      toggle.hidden = true;
      status.className = "status ok";
      status.textContent = "Thanks — your report is saved for the record's maintainer.";
    } else {
      status.className = "status error";
      status.textContent = reply?.error?.message ?? "The report could not be saved.";
    }
  });
  return h("div", {}, h("div", { class: "card-foot" }, parts, h("span", { class: "foot-end" }, toggle)), form, status);
}
