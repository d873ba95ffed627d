/**
 * Running an opt-out flow (lib/flow.js) on a page: is this the signed-in settings page, is each control the
 * flow names there exactly once, what state does it show, is it the wanted one. The rule, as in autoconsent
 * and Consent-O-Matic: when anything does not match, the flow stops and the person gets the written steps;
 * TermsLens never guesses its way through a page. DOM only, no extension API: Node runs it against the saved
 * settings pages (tests/js/flows.test.mjs, the flows' self-test).
 */
import { fold, isFlowPage, isWanted } from "../lib/flow.js";
import { accessibleName, findTarget, openRoots, readChoice, readState } from "./controls.js";

/** What a sign-in page shows (besides a visible password field): buttons and links named exactly this. */
export const SIGN_IN_NAMES = Object.freeze(["log in", "sign in", "continue with google", "continue with apple", "continue with email"]);

/** Why a flow stopped, in the words the guide shows. */
export const STOP_REASONS = Object.freeze({
  "other-page": "This is not the settings page this guide is for.",
  "signed-out": "This looks like a sign-in page, not your settings. Sign in, then open the opt-out again.",
  missing: "TermsLens could not find the control this guide names on the page. The page may have changed.",
  ambiguous: "The page has more than one control that matches, so TermsLens will not pick one.",
  "no-state": "TermsLens cannot tell whether the control is on or off.",
  unchanged: "The control did not change as expected when TermsLens pressed it (the page may have asked something).",
  "not-signed-in-page": "This page does not look like your signed-in settings.",
});

function visible(element) {
  if (!element.isConnected) return false;
  const view = element.ownerDocument.defaultView;
  const style = view?.getComputedStyle?.(element);
  if (style && (style.display === "none" || style.visibility === "hidden")) return false;
  return !element.closest("[hidden]");
}

/**
 * Whether the page shows a sign-in form: a visible password field, a button or link named like "Log in", or
 * one of the flow's own signs of a signed-out page.
 * @param {Document} doc
 * @param {object} flow a checked flow
 * @returns {boolean}
 */
export function looksSignedOut(doc, flow) {
  for (const root of openRoots(doc)) {
    if ([...root.querySelectorAll('input[type="password"]')].some(visible)) return true;
    for (const element of root.querySelectorAll('button, a[href], [role="button"], [role="link"], input[type="submit"]')) {
      if (SIGN_IN_NAMES.includes(fold(accessibleName(element))) && visible(element)) return true;
    }
  }
  return flow.page.signedOut.some((target) => findTarget(doc, target).found);
}

/**
 * The flow's state on the page now.
 * @param {Document} doc
 * @param {string} url the page's address
 * @param {object} flow a checked, runnable flow
 * @returns {{stop: string|null, waiting: boolean, steps: {found: Element|null, problem: string|null, state: string|null, done: boolean}[], set: boolean}}
 *   `stop`: a key of STOP_REASONS when the flow must stop now; `waiting`: a control is not there (yet: pages
 *   render late, the caller decides how long to wait); `set`: every step with a wanted state shows it
 */
export function evaluate(doc, url, flow) {
  const steps = flow.steps.map(() => ({ found: null, problem: null, state: null, done: false }));
  const result = { stop: null, waiting: false, steps, set: false };
  // A sign-in page first: services send signed-out visitors to one at another address, and "sign in" is
  // the more useful thing to say.
  if (looksSignedOut(doc, flow)) return { ...result, stop: "signed-out" };
  if (!isFlowPage(url, flow.page.url)) return { ...result, stop: "other-page" };
  if (flow.page.signedIn && !findTarget(doc, flow.page.signedIn).found) result.waiting = true;
  for (const [index, step] of flow.steps.entries()) {
    if (!step.control) continue;
    const { found, problem } = findTarget(doc, step.control);
    const entry = steps[index];
    entry.found = found;
    entry.problem = problem;
    if (problem === "ambiguous") return { ...result, stop: "ambiguous" };
    if (!found) {
      result.waiting = true;
      continue;
    }
    if (step.want) {
      entry.state = typeof step.want === "object" ? readChoice(found) : readState(found);
      if (entry.state === null) return { ...result, stop: "no-state" };
      entry.done = isWanted(entry.state, step.want);
    }
  }
  result.set = !result.waiting && flow.steps.every((step, i) => !step.want || steps[i].done);
  return result;
}

/**
 * The state the flow's first wanted step reads (what "Verified: off" names), or null.
 * @param {object} flow
 * @param {ReturnType<typeof evaluate>} evaluation
 * @returns {string|null}
 */
export function wantedStepState(flow, evaluation) {
  const index = flow.steps.findIndex((step) => step.want);
  return index < 0 ? null : evaluation.steps[index].state;
}
