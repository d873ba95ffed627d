/**
 * The opt-out guide: on the settings page an action opened, a panel lists the action's steps, ticks off the
 * ones it can tell are done, and rings the control a step names ("Switch off the “Help improve Claude”
 * toggle") when that control is on the page. Steps it cannot check are ticked by the user.
 */
import { h, icon, ICONS } from "../lib/dom.js";
import { getLayer } from "./ui.js";

const CONTROL_SELECTOR =
  'input[type="checkbox"], input[type="radio"], [role="switch"], [role="checkbox"], [role="radio"], button[aria-pressed], button[aria-checked]';
// A settings page may render its controls after load; look again on changes for this long.
const SEARCH_FOR_MS = 30000;

/**
 * What a step asks for, as far as the page can show it.
 * @param {string} text a step of an action
 * @returns {{control: string|null, wantOn: boolean|null, navigation: boolean}}
 */
export function readStep(text) {
  const quoted = /[“"‘]([^”"’]{2,80})[”"’]/.exec(text);
  const off = /\b(switch|turn|toggle|set)\s+(it\s+)?off\b|\bdisable\b|\buncheck\b|\bdeselect\b|\bopt\s+out\b/i.test(text);
  const on = /\b(switch|turn|toggle|set)\s+(it\s+)?on\b|\benable\b|\btick\b|\bcheck\s+the\b/i.test(text);
  return {
    control: quoted ? quoted[1].trim() : null,
    wantOn: off ? false : on ? true : null,
    navigation: /\b(open|go\s+to|navigate\s+to|visit|sign\s+in)\b/i.test(text) && !quoted,
  };
}

const fold = (s) => (s || "").toLowerCase().replace(/[“”"‘’'.,:;!?()]/g, "").replace(/\s+/g, " ").trim();

/** The label a control carries, from ARIA, <label>, or the short text of the row it sits in. */
function controlName(control) {
  const parts = [];
  const labelled = control.getAttribute("aria-labelledby");
  if (labelled) {
    for (const id of labelled.split(/\s+/)) parts.push(document.getElementById(id)?.textContent ?? "");
  }
  parts.push(control.getAttribute("aria-label") ?? "", control.getAttribute("title") ?? "");
  for (const label of control.labels ?? []) parts.push(label.textContent);
  let name = fold(parts.join(" "));
  if (!name) {
    // An unlabelled toggle: the text of the nearest container that holds a little text (its settings row).
    for (let node = control.parentElement, depth = 0; node && depth < 4; node = node.parentElement, depth += 1) {
      const text = fold(node.textContent);
      if (text) {
        name = text.length <= 240 ? text : "";
        break;
      }
    }
  }
  return name;
}

/**
 * The control on the page named `name` (the shortest-labelled match), or null.
 * @param {string} name
 * @returns {Element|null}
 */
export function findControl(name) {
  const wanted = fold(name);
  let best = null;
  let bestLength = Infinity;
  for (const control of document.querySelectorAll(CONTROL_SELECTOR)) {
    if (control.closest("termslens-ui")) continue;
    const label = controlName(control);
    if (label && label.includes(wanted) && label.length < bestLength) {
      best = control;
      bestLength = label.length;
    }
  }
  return best;
}

/** Whether a checkbox-like control is on. */
export function isOn(control) {
  if (control instanceof HTMLInputElement) return control.checked;
  const state = control.getAttribute("aria-checked") ?? control.getAttribute("aria-pressed");
  return state === "true";
}

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
      box.addEventListener("change", () => {
        step.done = box.checked;
        step.auto = false;
        this.render();
      });
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
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.dismiss();
    });
    layer.appendChild(this.panel);
  }

  scheduleCheck() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.check();
    });
    // requestAnimationFrame does not run in a hidden tab; a timer makes sure the state still updates.
    setTimeout(() => {
      if (this.frame) {
        cancelAnimationFrame(this.frame);
        this.frame = 0;
        this.check();
      }
    }, 250);
  }

  /** Tick what the page shows is done: being on the settings page, a named control in the wanted state. */
  check() {
    const onSettingsPage = samePage(location.href, this.guidance.url);
    for (const step of this.steps) {
      if (step.control) {
        if (!step.found || !step.found.isConnected) {
          step.found = performance.now() - this.started < SEARCH_FOR_MS || step.found ? findControl(step.control) : null;
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
      ring.style.left = `${rect.left + window.scrollX - 6}px`;
      ring.style.top = `${rect.top + window.scrollY - 6}px`;
      ring.style.width = `${rect.width + 12}px`;
      ring.style.height = `${rect.height + 12}px`;
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
    const covers = (box) =>
      targets.some((t) => t.left < box.right + 12 && t.right > box.left - 12 && t.top < box.bottom + 12 && t.bottom + 36 > box.top);
    this.panel.style.maxHeight = "";
    for (const corner of ["bottom-right", "bottom-left", "top-right", "top-left"]) {
      this.panel.dataset.corner = corner;
      const box = this.panel.getBoundingClientRect();
      if (!covers(box)) return;
      if (corner.startsWith("bottom")) {
        const lowest = Math.max(...targets.filter((t) => t.left < box.right + 12 && t.right > box.left - 12).map((t) => t.bottom));
        const room = window.innerHeight - 16 - (lowest + 48);
        if (room >= 280) {
          this.panel.style.maxHeight = `${room}px`;
          return;
        }
      }
    }
    this.panel.dataset.corner = "bottom-right";
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

function samePage(url, target) {
  try {
    const a = new URL(url);
    const b = new URL(target);
    return a.hostname === b.hostname && a.pathname.replace(/\/$/, "") === b.pathname.replace(/\/$/, "");
  } catch {
    return false;
  }
}
