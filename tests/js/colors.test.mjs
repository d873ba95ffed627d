// content/colors.js: the page's colours in any CSS syntax the browser computes, parsed by culori.
import assert from "node:assert/strict";
import { test } from "node:test";

import { contrast, luminance, parseColor } from "../../extension/content/colors.js";

test("colours in every syntax a browser computes are read", () => {
  for (const value of ["rgb(20, 20, 20)", "rgba(0, 0, 0, 0.5)", "oklch(0.2 0.02 260)", "lab(12 1 -3)", "hsl(220 20% 10%)", "color(srgb 0.1 0.1 0.12)", "oklab(0.2 0 -0.02)"]) {
    assert.ok(parseColor(value), value);
  }
  assert.equal(parseColor("transparent")?.alpha ?? 0, 0);
  assert.equal(parseColor("not a colour"), null);
});

test("dark and light are told apart whatever the syntax", () => {
  assert.ok(luminance("oklch(0.2 0.02 260)") < 0.05);
  assert.ok(luminance("oklch(0.93 0.01 250)") > 0.7);
  assert.ok(luminance("lab(12 1 -3)") < 0.05);
  assert.ok(luminance("hsl(220 20% 10%)") < 0.05);
});

test("contrast is the WCAG ratio", () => {
  assert.equal(Math.round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)")), 21);
  assert.ok(contrast("#3f3cbb", "#ffffff") >= 3);
  assert.ok(contrast("#a8a6ff", "oklch(0.2 0.02 260)") >= 3);
  assert.ok(contrast("#3f3cbb", "#141414") < 3, "the light ring on a dark page is what issue 14 found");
});
