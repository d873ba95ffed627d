// lib/dom.js: building DOM from data without parsing HTML, and listeners that ignore what a page can forge.
import assert from "node:assert/strict";
import { test } from "node:test";

import { JSDOM } from "jsdom";

import { isUserGesture, trusted } from "../../extension/lib/dom.js";

test("trusted() runs its handler for the browser's own events only", () => {
  const calls = [];
  const handler = trusted((event) => calls.push(event.type));
  handler({ type: "click", isTrusted: true });
  handler({ type: "click", isTrusted: false });
  handler({ type: "click" });
  assert.deepEqual(calls, ["click"]);
});

test("a script's dispatchEvent is not trusted, so a trusted() listener ignores it", () => {
  const { window } = new JSDOM("<button>x</button>");
  const button = window.document.querySelector("button");
  let ran = 0;
  button.addEventListener("click", trusted(() => (ran += 1)));
  button.click();
  button.dispatchEvent(new window.MouseEvent("click", { bubbles: true }));
  assert.equal(ran, 0);
});

test("a user gesture needs a trusted event and, where the browser tells, transient activation", () => {
  assert.equal(isUserGesture({ isTrusted: false }), false);
  const saved = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  try {
    Object.defineProperty(globalThis, "navigator", { value: { userActivation: { isActive: false } }, configurable: true });
    assert.equal(isUserGesture({ isTrusted: true }), false);
    Object.defineProperty(globalThis, "navigator", { value: { userActivation: { isActive: true } }, configurable: true });
    assert.equal(isUserGesture({ isTrusted: true }), true);
  } finally {
    if (saved) Object.defineProperty(globalThis, "navigator", saved);
    else delete globalThis.navigator;
  }
});

test("h() builds elements whose text is text: markup in data stays literal", async () => {
  const { window } = new JSDOM("");
  globalThis.document = window.document;
  try {
    const { h } = await import("../../extension/lib/dom.js");
    const title = '<img src=x onerror="alert(1)">Title';
    const element = h("p", { class: "t", title, hidden: false, "data-x": null }, title, 3, null, [h("b", {}, "<i>")]);
    assert.equal(element.textContent, `${title}3<i>`);
    assert.equal(element.querySelectorAll("img, i").length, 0);
    assert.equal(element.getAttribute("title"), title);
    assert.equal(element.hasAttribute("hidden"), false);
  } finally {
    delete globalThis.document;
  }
});
