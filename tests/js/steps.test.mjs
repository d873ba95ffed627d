// content/steps.js and content/controls.js: reading an opt-out's steps, and finding the control a step names
// on a settings page (jsdom stands in for the page).
import assert from "node:assert/strict";
import { test } from "node:test";

import { findControl, isOn } from "../../extension/content/controls.js";
import { fold, readStep, samePage } from "../../extension/content/steps.js";
import { page } from "./dom.mjs";

test("a step that names a control in quotes and says off wants it off", () => {
  assert.deepEqual(readStep("Switch off the “Help improve Claude” toggle."), { control: "Help improve Claude", wantOn: false, navigation: false });
  assert.deepEqual(readStep('Turn it off: "Location metadata"'), { control: "Location metadata", wantOn: false, navigation: false });
});

test("a step that says on, enable or tick wants the control on", () => {
  assert.equal(readStep("Enable ‘Do not sell my data’.").wantOn, true);
  assert.equal(readStep('Tick "Opt me out" and save.').wantOn, true);
});

test("a step that neither says on nor off leaves the state open", () => {
  assert.deepEqual(readStep('Choose "Ad preferences".'), { control: "Ad preferences", wantOn: null, navigation: false });
});

test("a step that only says where to go is a navigation step; one naming a control is not", () => {
  assert.equal(readStep("Open Settings and go to Privacy.").navigation, true);
  assert.equal(readStep('Go to "Privacy" and switch off sharing.').navigation, false);
  assert.equal(readStep("Wait a day.").navigation, false);
});

test("names are folded for comparison: case, quotes, punctuation and spacing do not matter", () => {
  assert.equal(fold("  “Help  improve\nClaude!” "), "help improve claude");
  assert.equal(fold(null), "");
});

test("being on the settings page is host and path, with or without a trailing slash", () => {
  assert.equal(samePage("https://claude.ai/settings/privacy/?tab=1", "https://claude.ai/settings/privacy"), true);
  assert.equal(samePage("https://claude.ai/settings/other", "https://claude.ai/settings/privacy"), false);
  assert.equal(samePage("https://evil.example/settings/privacy", "https://claude.ai/settings/privacy"), false);
  assert.equal(samePage("nonsense", "https://claude.ai/"), false);
});

const SETTINGS = `
  <div class="row"><div id="label-location">Location metadata</div>
    <button role="switch" aria-checked="true" aria-labelledby="label-location" id="location"></button></div>
  <div class="row"><div id="label-training">Help improve Claude</div>
    <button role="switch" aria-checked="true" aria-labelledby="label-training" id="training"></button></div>
  <label><input type="checkbox" id="news" checked> Email me news about Claude</label>
  <div><span>Share layouts</span><input type="checkbox" id="layouts"></div>
  <termslens-ui><button role="switch" aria-label="Help improve Claude" id="ours"></button></termslens-ui>`;

test("a control is found by its aria-labelledby, <label> or row text, never among the extension's own", () => {
  const doc = page(SETTINGS);
  assert.equal(findControl(doc, "Help improve Claude").id, "training");
  assert.equal(findControl(doc, "email me news").id, "news");
  assert.equal(findControl(doc, "Share layouts").id, "layouts");
  assert.equal(findControl(doc, "Nothing like this"), null);
  assert.equal(findControl(doc, ""), null);
});

test("of several controls whose names contain the words, the shortest-named wins", () => {
  const doc = page(`<label><input type="checkbox" id="long"> Claude may use chats, see Help improve Claude settings</label>
    <label><input type="checkbox" id="short"> Help improve Claude</label>`);
  assert.equal(findControl(doc, "Help improve Claude").id, "short");
});

test("a control's state is read from checked or aria-checked / aria-pressed", () => {
  const doc = page(SETTINGS + '<button aria-pressed="false" id="pressed">P</button>');
  assert.equal(isOn(doc.getElementById("training")), true);
  assert.equal(isOn(doc.getElementById("news")), true);
  assert.equal(isOn(doc.getElementById("layouts")), false);
  assert.equal(isOn(doc.getElementById("pressed")), false);
  doc.getElementById("training").setAttribute("aria-checked", "false");
  assert.equal(isOn(doc.getElementById("training")), false);
});
