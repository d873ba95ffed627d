/**
 * The opt-out guide: on the settings page an action opened, a panel lists the action's steps, ticks off the
 * ones it can tell are done, and rings the control a step names ("Switch off the “Help improve Claude”
 * toggle") when that control is on the page. Steps it cannot check are ticked by the user.
 * This module is the panel and its rings; reading a step is content/steps.js, finding the control it names
 * content/controls.js.
 */
import { h, icon, ICONS, trusted } from "../lib/dom.js";
import { findControl, isOn } from "./controls.js";
import { readStep, samePage } from "./steps.js";
import { getLayer } from "./ui.js";

// A settings page may render its controls after load; look again on changes for this long.
const SEARCH_FOR_MS = 30000;
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

export class GuidePanel {
  /**
   * @param {object} guidance {url, label, kind, steps, caveats, serviceName, recordTitle}
   * @param {{onDismiss: () => void}} callbacks
   */
  constructor(guidance, { onDismiss }) {
    this.guidance = guidance;
    this.onDismiss = onDismiss;
    this.steps = guidance.steps.map((text) => ({ text, ...readStep(text), done: false, auto: false, element: null, found: null }));
    this.rings = new Map();
    this.started = performance.now();
    this.frame = 0;
    this.build();
    this.check();
    this.observer = new MutationObserver(() => this.scheduleCheck());
    this.observer.observe(document.body ?? document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-checked", "aria-pressed", "checked", "class"],
    });
    this.onChange = () => this.scheduleCheck();
    document.addEventListener("change", this.onChange, true);
    document.addEventListener("click", this.onChange, true);
    this.onLayout = () => this.placeRings();
    window.addEventListener("resize", this.onLayout, { passive: true });
    window.addEventListener("scroll", this.onLayout, { capture: true, passive: true });
    const first = this.steps.find((s) => s.found);
    first?.found.scrollIntoView({ block: "center" });
    this.placeRings();
  }

  build() {
    const g = this.guidance;
    const { layer } = getLayer();
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
      h(
        "div",
        { class: "guide-body" },
        h("div", { class: "progress" }, h("div", { class: "bar", "aria-hidden": "true" }, this.progressBar), this.progressText),
        this.list,
        this.allDone,
        g.caveats.length
          ? h(
              "details",
              { class: "good-to-know" },
              h("summary", {}, `Good to know (${g.caveats.length})`),
              h("ul", { class: "caveats" }, g.caveats.map((c) => h("li", {}, c))),
            )
          : null,
      ),
    );
    this.panel.addEventListener(
      "keydown",
      trusted((event) => {
        if (event.key === "Escape") this.dismiss();
      }),
    );
    layer.appendChild(this.panel);
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
    this.placeRings();
  }

  showControl(step) {
    if (!step.found) return;
    step.found.scrollIntoView({ block: "center", behavior: "smooth" });
    step.found.focus?.({ preventScroll: true });
  }

  /** Draw a ring around each control a step names, and keep the panel from covering those controls. */
  placeRings() {
    const { layer } = getLayer();
    this.placePanel();
    for (const step of this.steps) {
      let ring = this.rings.get(step);
      if (!step.found || !step.found.isConnected) {
        ring?.remove();
        this.rings.delete(step);
        continue;
      }
      if (!ring) {
        ring = h("div", { class: "ring", "aria-hidden": "true" }, h("span", { class: "ring-label" }));
        layer.appendChild(ring);
        this.rings.set(step, ring);
      }
      const rect = step.found.getBoundingClientRect();
      ring.classList.toggle("done", step.done);
      ring.firstChild.textContent = step.done ? "Done" : step.wantOn === false ? "Switch this off" : step.wantOn ? "Switch this on" : "This one";
      ring.style.left = `${rect.left + window.scrollX - RING_PAD}px`;
      ring.style.top = `${rect.top + window.scrollY - RING_PAD}px`;
      ring.style.width = `${rect.width + 2 * RING_PAD}px`;
      ring.style.height = `${rect.height + 2 * RING_PAD}px`;
    }
  }

  /**
   * Bottom right, unless a ringed control (or its label) is there: then shorter, so it ends below them, or
   * else the first corner that leaves them in view.
   */
  placePanel() {
    const targets = [];
    for (const step of this.steps) {
      if (!step.found?.isConnected) continue;
      targets.push(step.found.getBoundingClientRect());
      for (const id of (step.found.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)) {
        const label = document.getElementById(id);
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

  dismiss() {
    this.destroy();
    this.onDismiss();
  }

  destroy() {
    this.observer.disconnect();
    document.removeEventListener("change", this.onChange, true);
    document.removeEventListener("click", this.onChange, true);
    window.removeEventListener("resize", this.onLayout);
    window.removeEventListener("scroll", this.onLayout, { capture: true });
    for (const ring of this.rings.values()) ring.remove();
    this.panel.remove();
  }
}
