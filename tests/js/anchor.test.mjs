// content/anchor.js: where a quote the service found sits in the browser's copy of the text. Modelled on
// Hypothesis's match-quote tests: exact first, context for repeats, the hint only breaks ties, whitespace-blind
// fallback, null when nothing qualifies.
import assert from "node:assert/strict";
import { test } from "node:test";

import { anchorQuote } from "../../extension/content/anchor.js";

const at = (text, selector) => {
  const found = anchorQuote(text, selector);
  return found && text.slice(found.start, found.end);
};

test("an exact quote that occurs once is found where it is", () => {
  const text = "Intro. You agree to binding arbitration. Outro.";
  const found = anchorQuote(text, { exact: "binding arbitration" });
  assert.deepEqual(found, { start: text.indexOf("binding"), end: text.indexOf("binding") + "binding arbitration".length });
});

test("a hint that points at the quote is taken as it is", () => {
  const text = "abc quote abc quote";
  assert.deepEqual(anchorQuote(text, { exact: "quote", hint: 14 }), { start: 14, end: 19 });
});

test("a repeated quote is told apart by its prefix", () => {
  const text = "Section 1: we may share data. Section 2: we may share data.";
  const found = anchorQuote(text, { exact: "we may share data.", prefix: "Section 2: " });
  assert.equal(found.start, text.lastIndexOf("we may share data."));
});

test("a repeated quote is told apart by its suffix", () => {
  const text = "You may opt out. (email) You may opt out. (settings)";
  const found = anchorQuote(text, { exact: "You may opt out.", suffix: " (settings)" });
  assert.equal(found.start, text.lastIndexOf("You may opt out."));
});

test("context outweighs the hint: a wrong hint does not pull the quote to the wrong copy", () => {
  const text = "A: the fee is 10. B: the fee is 10.";
  const found = anchorQuote(text, { exact: "the fee is 10.", prefix: "B: ", hint: 0 });
  assert.equal(found.start, text.lastIndexOf("the fee is 10."));
});

test("with equal context, the copy nearer the hint wins", () => {
  const text = "x repeat y x repeat y x repeat y";
  const positions = [2, 13, 24];
  for (const position of positions) {
    const found = anchorQuote(text, { exact: "repeat", prefix: "x ", suffix: " y", hint: position + 1 });
    assert.equal(found.start, position);
  }
});

test("a partly matching prefix still beats no matching prefix", () => {
  const text = "alpha: same words here. omega: same words here.";
  // "mega: " matches the end of the second copy's context only.
  assert.equal(anchorQuote(text, { exact: "same words here.", prefix: "xmega: " }).start, text.lastIndexOf("same words"));
});

test("a quote whose spacing changed is found with whitespace ignored, mapped back to page offsets", () => {
  const text = "Before.\n\nWe may   use your\ncontent to train models. After.";
  assert.equal(at(text, { exact: "We may use your content to train models." }), "We may   use your\ncontent to train models.");
});

test("the whitespace-blind fallback needs a quote long enough to mean something", () => {
  assert.equal(anchorQuote("a b c d", { exact: "a  b" }), null);
});

test("empty text, an empty quote, or a quote not on the page give null", () => {
  assert.equal(anchorQuote("", { exact: "x" }), null);
  assert.equal(anchorQuote("some text", { exact: "" }), null);
  assert.equal(anchorQuote("some text", { exact: "other words entirely" }), null);
});

test("offsets count UTF-16 units: a quote after an emoji starts two units later", () => {
  const text = "🎉 We may use Materials.";
  const found = anchorQuote(text, { exact: "We may use Materials." });
  assert.equal(found.start, 3);
  assert.equal(text.slice(found.start, found.end), "We may use Materials.");
});
