/**
 * The opt-out guide: a panel on the settings page an action opened, and rings around the controls it names.
 *
 * With a flow (lib/flow.js, run by content/flowrun.js) it spotlights the control and names the wanted state,
 * offers "Do it for me" only where the flow says the control is safe to operate (and acts only on that
 * button's trusted press), asks for a reload and then reads the control again: "Verified: off, 2 December
 * 2026", or says plainly that it did not hold. When anything does not match (another page, a sign-in page, a
 * control missing, ambiguous, or not changing as expected) it stops and shows the written steps. Opened on
 * its own ("watch") on a settings page where the person completed an opt-out, it stays hidden unless the
 * control is back in the unwanted state, and then says so.
 *
 * Without a flow (or with one of a later version than this engine) it is the prose guide: the action's steps,
 * ticked off where the page shows they are done (content/steps.js reads a step, content/controls.js finds
 * the control it names), the rest ticked by the user.
 */
import { h, icon, ICONS, isUserGesture, trusted } from "../lib/dom.js";
import { localIsoDate, longDate, runnable, stateWords } from "../lib/flow.js";
import { findControl, isOn, operate } from "./controls.js";
import { evaluate, STOP_REASONS, wantedStepState } from "./flowrun.js";
import { readStep, samePage } from "./steps.js";
import { getLayer } from "./ui.js";

// A settings page may render its controls after load; look again on changes for this long.
const SEARCH_FOR_MS = 30000;
// After "Do it for me", the control must show the wanted state within this long, or the flow stops.
const OPERATE_WAIT_MS = 2500;
// requestAnimationFrame does not run in a hidden tab; re-check by timer after this long instead.
const HIDDEN_TAB_CHECK_MS = 250;
/** The ring sits this far outside the control it marks. */
const RING_PAD = 6;
/** Clearance kept between the panel and a ringed control (and its label). */
const PANEL_CLEARANCE = 12;
/** A ring's label sits above the ring: room kept for it. */
const RING_LABEL_ROOM = 36;
/** The panel stays this far from the bottom of the window… */
const PANEL_EDGE = 16;
/** …and, when shortened to stay below a ringed control, keeps this much room under it… */
const PANEL_BELOW_TARGET = 48;
/** …but only down to this height (shorter, its steps would not be readable: try another corner). */
const PANEL_MIN_HEIGHT = 280;
const CORNERS = ["bottom-right", "bottom-left", "top-right", "top-left"];

/**
 * The guide for `guidance`: the flow guide when the action has a flow this engine runs, else the prose one.
 * @param {object} guidance {url, label, kind, steps, caveats, serviceName, recordTitle, flow?, phase?, since?}
 * @param {{onDismiss: () => void, onSet?: () => void, onVerified?: (state: string) => void, onLapsed?: (state: string) => void}} callbacks
 * @returns {FlowGuide|GuidePanel}
 */
export function openGuide(guidance, callbacks) {
  return runnable(guidance.flow) ? new FlowGuide(guidance, callbacks) : new GuidePanel(guidance, callbacks);
}

/** What both guides share: the panel's frame, the rings, where the panel sits, watching the page. */
class Panel {
  constructor(guidance, { onDismiss }) {
    this.guidance = guidance;
    this.onDismiss = onDismiss;
    this.rings = new Map();
    this.started = performance.now();
    this.frame = 0;
  }

  /** The panel element with its head; `body` children go below. */
  frameWith(...body) {
    const g = this.guidance;
    const close = h("button", { type: "button", class: "icon-button", "aria-label": "Close the guide", onclick: () => this.dismiss() }, icon(ICONS.close));
    this.panel = h(
      "aside",
      { class: "guide", role: "complementary", "aria-labelledby": "tl-guide-title" },
      h(
        "div",
        { class: "guide-head" },
        h("span", { class: "brand-mark" }, icon(ICONS.lens, { size: 17 })),
        h(
          "div",
          { class: "guide-titles" },
          h("p", { class: "guide-kicker" }, "TermsLens guide"),
          h("h2", { id: "tl-guide-title" }, g.label),
          g.serviceName ? h("p", { class: "guide-service" }, g.serviceName) : null,
        ),
        close,
      ),
      h("div", { class: "guide-body" }, ...body),
    );
    this.panel.addEventListener(
      "keydown",
      trusted((event) => {
        if (event.key === "Escape") this.dismiss();
      }),
    );
    return this.panel;
  }

  show() {
    getLayer().layer.appendChild(this.panel);
  }

  watch() {
    if (this.destroyed) return;
    this.observer = new MutationObserver(() => this.scheduleCheck());
    this.observer.observe(document.body ?? document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-checked", "aria-pressed", "checked", "class", "hidden", "style"],
    });
    this.onChange = () => this.scheduleCheck();
    document.addEventListener("change", this.onChange, true);
    document.addEventListener("click", this.onChange, true);
    this.onLayout = () => this.placeRings();
    window.addEventListener("resize", this.onLayout, { passive: true });
    window.addEventListener("scroll", this.onLayout, { capture: true, passive: true });
    // Controls inside a page's shadow roots change without a mutation the observer above sees.
    this.poll = setInterval(() => this.scheduleCheck(), 500);
  }

  scheduleCheck() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.check();
    });
    setTimeout(() => {
      if (this.frame) {
        cancelAnimationFrame(this.frame);
        this.frame = 0;
        this.check();
      }
    }, HIDDEN_TAB_CHECK_MS);
  }

  /** Ring each {element, label, done} in `marks`, drop the other rings, and keep the panel off them. */
  ringAll(marks) {
    const { layer } = getLayer();
    this.marks = marks;
    if (this.panel?.isConnected) this.placePanel(marks.map((m) => m.element));
    const keep = new Set(marks.map((m) => m.element));
    for (const [element, ring] of this.rings) {
      if (!keep.has(element) || !element.isConnected) {
        ring.remove();
        this.rings.delete(element);
      }
    }
    for (const mark of marks) {
      if (!mark.element.isConnected) continue;
      let ring = this.rings.get(mark.element);
      if (!ring) {
        ring = h("div", { class: "ring", "aria-hidden": "true" }, h("span", { class: "ring-label" }));
        layer.appendChild(ring);
        this.rings.set(mark.element, ring);
      }
      const rect = mark.element.getBoundingClientRect();
      ring.classList.toggle("done", mark.done);
      ring.firstChild.textContent = mark.label;
      ring.style.left = `${rect.left + window.scrollX - RING_PAD}px`;
      ring.style.top = `${rect.top + window.scrollY - RING_PAD}px`;
      ring.style.width = `${rect.width + 2 * RING_PAD}px`;
      ring.style.height = `${rect.height + 2 * RING_PAD}px`;
    }
  }

  placeRings() {
    this.ringAll(this.marks ?? []);
  }

  /**
   * Bottom right, unless a ringed control (or its label) is there: then shorter, so it ends below them, or
   * else the first corner that leaves them in view.
   */
  placePanel(elements) {
    const targets = [];
    for (const element of elements) {
      if (!element.isConnected) continue;
      targets.push(element.getBoundingClientRect());
      const root = element.getRootNode();
      for (const id of (element.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)) {
        const label = root.getElementById?.(id) ?? document.getElementById(id);
        if (label) targets.push(label.getBoundingClientRect());
      }
    }
    const c = PANEL_CLEARANCE;
    const beside = (t, box) => t.left < box.right + c && t.right > box.left - c;
    const covers = (box) => targets.some((t) => beside(t, box) && t.top < box.bottom + c && t.bottom + RING_LABEL_ROOM > box.top);
    this.panel.style.maxHeight = "";
    for (const corner of CORNERS) {
      this.panel.dataset.corner = corner;
      const box = this.panel.getBoundingClientRect();
      if (!covers(box)) return;
      if (corner.startsWith("bottom")) {
        const lowest = Math.max(...targets.filter((t) => beside(t, box)).map((t) => t.bottom));
        const room = window.innerHeight - PANEL_EDGE - (lowest + PANEL_BELOW_TARGET);
        if (room >= PANEL_MIN_HEIGHT) {
          this.panel.style.maxHeight = `${room}px`;
          return;
        }
      }
    }
    this.panel.dataset.corner = CORNERS[0];
  }

  caveatsBlock() {
    const caveats = this.guidance.caveats ?? [];
    return caveats.length
      ? h(
          "details",
          { class: "good-to-know" },
          h("summary", {}, `Good to know (${caveats.length})`),
          h("ul", { class: "caveats" }, caveats.map((c) => h("li", {}, c))),
        )
      : null;
  }

  dismiss() {
    this.destroy();
    this.onDismiss();
  }

  destroy() {
    this.destroyed = true;
    this.observer?.disconnect();
    clearInterval(this.poll);
    if (this.onChange) {
      document.removeEventListener("change", this.onChange, true);
      document.removeEventListener("click", this.onChange, true);
      window.removeEventListener("resize", this.onLayout);
      window.removeEventListener("scroll", this.onLayout, { capture: true });
    }
    for (const ring of this.rings.values()) ring.remove();
    this.rings.clear();
    this.panel?.remove();
  }
}

/** The prose guide: the action's written steps, ticked where the page shows them done. */
export class GuidePanel extends Panel {
  /**
   * @param {object} guidance {url, label, kind, steps, caveats, serviceName, recordTitle}
   * @param {{onDismiss: () => void}} callbacks
   */
  constructor(guidance, callbacks) {
    super(guidance, callbacks);
    this.steps = guidance.steps.map((text) => ({ text, ...readStep(text), done: false, auto: false, element: null, found: null }));
    this.build();
    this.show();
    this.check();
    this.watch();
    const first = this.steps.find((s) => s.found);
    first?.found.scrollIntoView({ block: "center" });
    this.placeRings();
  }

  build() {
    this.progressText = h("span", { class: "progress-text" });
    this.progressBar = h("span", {});
    this.list = h("ol", { "aria-label": "Steps" });
    this.allDone = h("p", { class: "all-done", role: "status", hidden: true }, "All steps done. You can close this tab.");
    for (const [i, step] of this.steps.entries()) {
      const box = h("input", { type: "checkbox", id: `tl-step-${i}`, "aria-describedby": `tl-step-${i}-note` });
      box.addEventListener(
        "change",
        trusted(() => {
          step.done = box.checked;
          step.auto = false;
          this.render();
        }),
      );
      const note = h("span", { class: "step-note", id: `tl-step-${i}-note` });
      const showMe = h("button", { type: "button", class: "small-button show-me", hidden: true, onclick: () => this.showControl(step) }, "Show me");
      step.element = h("li", { class: "step" }, box, h("div", {}, h("label", { class: "step-text", for: `tl-step-${i}` }, step.text), note, showMe));
      step.box = box;
      step.note = note;
      step.showMe = showMe;
      this.list.appendChild(step.element);
    }
    this.frameWith(
      h("div", { class: "progress" }, h("div", { class: "bar", "aria-hidden": "true" }, this.progressBar), this.progressText),
      this.list,
      this.allDone,
      this.caveatsBlock(),
    );
  }

  /** Tick what the page shows is done: being on the settings page, a named control in the wanted state. */
  check() {
    const onSettingsPage = samePage(location.href, this.guidance.url);
    for (const step of this.steps) {
      if (step.control) {
        if (!step.found || !step.found.isConnected) {
          step.found = performance.now() - this.started < SEARCH_FOR_MS || step.found ? findControl(document, step.control) : null;
        }
        if (step.found && step.wantOn !== null) {
          const done = isOn(step.found) === step.wantOn;
          if (done || step.auto) {
            step.done = done;
            step.auto = true;
          }
        }
      } else if (step.navigation && onSettingsPage && !step.done) {
        step.done = true;
        step.auto = true;
      }
    }
    this.render();
  }

  render() {
    const done = this.steps.filter((s) => s.done).length;
    this.progressText.textContent = `${done} of ${this.steps.length} done`;
    this.progressBar.style.width = `${Math.round((100 * done) / Math.max(1, this.steps.length))}%`;
    for (const step of this.steps) {
      step.element.classList.toggle("done", step.done);
      step.box.checked = step.done;
      step.showMe.hidden = !step.found || step.done;
      step.note.className = "step-note";
      if (step.done && step.auto) step.note.textContent = step.found ? "Done: TermsLens sees the setting is changed." : "Done: you are on the right page.";
      else if (step.found && step.wantOn !== null) {
        step.note.className = "step-note todo";
        step.note.textContent = step.wantOn ? "The switch is ringed on the page: turn it on." : "The switch is ringed on the page: turn it off.";
      } else step.note.textContent = "";
    }
    this.allDone.hidden = done < this.steps.length;
    this.ringAll(
      this.steps
        .filter((s) => s.found?.isConnected)
        .map((s) => ({
          element: s.found,
          done: s.done,
          label: s.done ? "Done" : s.wantOn === false ? "Switch this off" : s.wantOn ? "Switch this on" : "This one",
        })),
    );
  }

  showControl(step) {
    if (!step.found) return;
    step.found.scrollIntoView({ block: "center", behavior: "smooth" });
    step.found.focus?.({ preventScroll: true });
  }
}

/** What a step asks, as the ring's label and the "Do it for me" button say it. */
function askFor(step) {
  if (step.press) return { ring: "Press this", button: "Do it for me: press it" };
  if (typeof step.want === "object") return { ring: `Choose “${step.want.choice}”`, button: `Do it for me: choose “${step.want.choice}”` };
  return { ring: `Switch this ${step.want}`, button: `Do it for me: switch it ${step.want}` };
}

/**
 * The flow guide. Phases: "guide" (spotlight, Do it for me, then reload to verify), "verify" (after that
 * reload: read the control again), "watch" (opened by itself on a settings page of a completed opt-out: shown
 * only when the control is back in the unwanted state).
 */
export class FlowGuide extends Panel {
  /**
   * @param {object} guidance with a runnable `flow`, a `phase` and, for "watch", `since` (YYYY-MM-DD)
   * @param {{onDismiss: () => void, onSet: () => void, onVerified: (state: string) => void, onLapsed: (state: string) => void}} callbacks
   */
  constructor(guidance, callbacks) {
    super(guidance, callbacks);
    this.callbacks = callbacks;
    this.flow = guidance.flow;
    this.phase = guidance.phase === "verify" || guidance.phase === "watch" ? guidance.phase : "guide";
    this.stopped = null;
    this.reported = { set: false, verified: false, lapsed: false };
    this.operating = null;
    this.pressed = new Set();
    this.build();
    if (this.phase !== "watch") this.show();
    this.check();
    this.watch();
    if (this.destroyed) return; // watching a page where the opt-out still holds: nothing to show or follow
    this.onPress = (event) => {
      // A press step counts as done when the person (or Do it for me) clicked its control.
      this.evaluation?.steps.forEach((entry, index) => {
        if (this.flow.steps[index].press && entry.found && event.composedPath().includes(entry.found)) this.pressed.add(index);
      });
    };
    document.addEventListener("click", this.onPress, true);
  }

  build() {
    this.status = h("p", { class: "flow-status", role: "status", "aria-live": "polite" });
    this.verdict = h("p", { class: "verdict", role: "status", hidden: true });
    this.doIt = h("button", { type: "button", class: "action-button primary do-it", hidden: true });
    this.doIt.addEventListener("click", (event) => {
      if (isUserGesture(event)) this.doItForMe();
    });
    this.reload = h("button", { type: "button", class: "action-button primary reload-verify", hidden: true, onclick: (event) => {
      if (!isUserGesture(event)) return;
      this.callbacks.onSet?.();
      this.reported.set = true;
      location.reload();
    } }, icon(ICONS.refresh, { size: 15 }), "Reload and verify");
    this.list = h("ol", { "aria-label": "Steps" });
    this.stepItems = this.flow.steps.map((step) => {
      const note = h("span", { class: "step-note" });
      const item = h("li", { class: "step flow-step" }, h("span", { class: "tick", "aria-hidden": "true" }), h("div", {}, h("span", { class: "step-text" }, step.say), note));
      this.list.appendChild(item);
      return { item, note };
    });
    this.stopBox = h(
      "div",
      { class: "stopped", hidden: true },
      h("p", { class: "stop-reason", role: "alert" }),
      h("p", { class: "stop-then" }, "Here are the written steps to do it yourself:"),
      h("ol", { class: "written-steps" }, this.guidance.steps.map((s) => h("li", {}, s))),
    );
    const flow = this.flow;
    this.frameWith(
      this.verdict,
      this.status,
      h("div", { class: "flow-actions" }, this.doIt, this.reload),
      this.list,
      this.stopBox,
      flow.expect.length ? h("div", { class: "expect" }, h("h3", {}, "What to expect"), h("ul", {}, flow.expect.map((e) => h("li", {}, e)))) : null,
      flow.faq.length
        ? h("div", { class: "faq" }, h("h3", {}, "Questions"), flow.faq.map(({ q, a }) => h("details", {}, h("summary", {}, q), h("p", {}, a))))
        : null,
      this.caveatsBlock(),
    );
  }

  /** The first step with a control that is not done yet. */
  currentStep() {
    return this.flow.steps.findIndex((step, i) => step.control && !(step.want ? this.evaluation.steps[i].done : this.pressed.has(i)));
  }

  check() {
    if (this.stopped) return;
    const evaluation = evaluate(document, location.href, this.flow);
    this.evaluation = evaluation;
    const searching = performance.now() - this.started < SEARCH_FOR_MS;
    if (evaluation.stop || (evaluation.waiting && !searching)) {
      this.stop(evaluation.stop ?? (evaluation.steps.some((s) => s.problem === "missing") ? "missing" : "not-signed-in-page"));
      return;
    }
    if (this.operating && performance.now() > this.operating.until && !this.operatedDone(evaluation)) {
      this.stop("unchanged");
      return;
    }
    if (evaluation.waiting) {
      this.say("Looking for the control on the page…");
      this.ringAll([]);
      return;
    }
    const state = wantedStepState(this.flow, evaluation);
    if (this.phase === "watch") {
      this.watchPhase(evaluation, state);
      if (this.phase === "watch") return;
    }
    if (this.phase === "verify") {
      this.verifyPhase(evaluation, state);
      if (this.phase === "verify") return;
    }
    this.guidePhase(evaluation, state);
  }

  operatedDone(evaluation) {
    const { index } = this.operating;
    const step = this.flow.steps[index];
    return step.want ? evaluation.steps[index].done : true;
  }

  watchPhase(evaluation, state) {
    if (evaluation.set) {
      // It still holds: nothing to show. The service learns it was seen holding today.
      if (!this.reported.verified) this.callbacks.onVerified?.(state);
      this.reported.verified = true;
      this.destroy();
      this.stopped = "quiet";
      return;
    }
    if (!this.reported.lapsed) this.callbacks.onLapsed?.(state);
    this.reported.lapsed = true;
    this.verdict.hidden = false;
    this.verdict.className = "verdict lapsed";
    this.verdict.textContent = `${this.flow.setting} is ${stateWords(state)} again. You switched it ${this.wantedWords()} on ${longDate(this.guidance.since)}, and the page now shows it ${stateWords(state)}.`;
    this.phase = "guide";
    this.show();
  }

  verifyPhase(evaluation, state) {
    this.verdict.hidden = false;
    if (evaluation.set) {
      const today = localIsoDate();
      this.verdict.className = "verdict verified";
      this.verdict.textContent = `Verified: ${stateWords(state)}, ${longDate(today)}`;
      if (!this.reported.verified) this.callbacks.onVerified?.(state);
      this.reported.verified = true;
      this.say(`TermsLens read the control again after the reload, and it still shows ${stateWords(state)}. You can close this tab.`);
      this.doIt.hidden = true;
      this.reload.hidden = true;
      this.renderSteps();
      this.ringAll(this.marksFor(null));
      return;
    }
    this.verdict.className = "verdict not-verified";
    this.verdict.textContent = `Not verified: after the reload the page shows ${this.flow.setting.toLowerCase()} ${stateWords(state)}. The change did not hold.`;
    this.phase = "guide";
  }

  guidePhase(evaluation) {
    const index = this.currentStep();
    this.renderSteps();
    if (evaluation.set && index < 0) {
      if (this.operating) this.operating = null;
      this.doIt.hidden = true;
      if (this.flow.verify === "reload") {
        this.say("Done on the page. Reload it to check that the service saved your choice.");
        this.reload.hidden = false;
        if (!this.reported.set) this.callbacks.onSet?.();
        this.reported.set = true;
      } else {
        this.say("Done: the page shows the setting changed.");
        if (!this.reported.verified) this.callbacks.onVerified?.(wantedStepState(this.flow, evaluation));
        this.reported.verified = true;
      }
      this.ringAll(this.marksFor(null));
      return;
    }
    this.reload.hidden = true;
    if (index < 0) {
      this.say("Follow the remaining steps.");
      this.doIt.hidden = true;
      this.ringAll([]);
      return;
    }
    const step = this.flow.steps[index];
    const ask = askFor(step);
    this.say(
      step.operate
        ? `${step.say} TermsLens has ringed it on the page.`
        : `${step.say} TermsLens has ringed it on the page; change it yourself (TermsLens only points at this one).`,
    );
    this.doIt.hidden = !step.operate || Boolean(this.operating);
    this.doIt.textContent = ask.button;
    this.ringAll(this.marksFor(index));
  }

  marksFor(current) {
    return this.flow.steps
      .map((step, i) => ({ step, i, entry: this.evaluation.steps[i] }))
      .filter(({ step, i, entry }) => entry.found && (i === current || (step.want && entry.done)))
      .map(({ step, i, entry }) => ({ element: entry.found, done: i !== current, label: i === current ? askFor(step).ring : "Done" }));
  }

  renderSteps() {
    const onPage = !this.evaluation.stop;
    this.flow.steps.forEach((step, i) => {
      const entry = this.evaluation.steps[i];
      const done = step.want ? entry.done : step.press ? this.pressed.has(i) : onPage;
      const { item, note } = this.stepItems[i];
      item.classList.toggle("done", done);
      note.textContent = step.want && entry.found ? `Now: ${stateWords(entry.state)}. Wanted: ${stateWords(step.want)}.` : "";
    });
  }

  say(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  wantedWords() {
    const step = this.flow.steps.find((s) => s.want);
    return step ? stateWords(step.want) : "";
  }

  /** "Do it for me", pressed by the person: operate the current step's control once, then watch it change. */
  doItForMe() {
    const index = this.currentStep();
    const step = this.flow.steps[index];
    const entry = this.evaluation?.steps[index];
    if (!step?.operate || !entry?.found || this.operating) return;
    this.operating = { index, until: performance.now() + OPERATE_WAIT_MS };
    this.doIt.hidden = true;
    if (step.press) this.pressed.add(index);
    if (!operate(entry.found, step.press ? null : step.want)) {
      this.stop("no-state");
      return;
    }
    this.scheduleCheck();
    setTimeout(() => this.scheduleCheck(), OPERATE_WAIT_MS + 50);
  }

  /** Stop: no rings, no buttons, the reason and the written steps. In "watch" nothing is shown at all. */
  stop(reason) {
    this.stopped = reason;
    this.panel.dataset.stopped = reason;
    this.ringAll([]);
    if (this.phase === "watch") {
      this.destroy();
      return;
    }
    this.doIt.hidden = true;
    this.reload.hidden = true;
    this.list.hidden = true;
    this.status.textContent = "";
    this.stopBox.hidden = false;
    this.stopBox.querySelector(".stop-reason").textContent = `TermsLens stopped. ${STOP_REASONS[reason] ?? ""}`;
    if (!this.guidance.steps.length) this.stopBox.querySelector(".stop-then").textContent = "Follow the settings page's own instructions.";
  }

  destroy() {
    if (this.onPress) document.removeEventListener("click", this.onPress, true);
    super.destroy();
  }
}
