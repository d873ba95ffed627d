/**
 * The page's own colours, read as the browser computes them (rgb(), but also oklch(), lab(), hsl(),
 * color(srgb …) from color-mix(), …) and parsed by culori (lib/vendor/culori.js), so a dark page written in
 * any colour syntax gets the dark highlights and a dark card. No extension API here.
 */
import { parse, wcagContrast, wcagLuminance } from "../lib/vendor/culori.js";

/** A background this transparent or more lets the one behind it show: look further up. */
const OPAQUE_CUTOFF = 0.5;
/** Backgrounds darker than this (WCAG relative luminance) are dark; 0.2 is about #7c7c7c, mid-grey. */
const DARK_BACKGROUND_CUTOFF = 0.2;
/** Text lighter than this is light text (a dark page); #bfbfbf is about 0.5. */
const LIGHT_TEXT_CUTOFF = 0.5;

/**
 * A CSS colour as culori reads it, or null when it is not one (or is `transparent`).
 * @param {string} value a computed colour
 * @returns {object|null}
 */
export function parseColor(value) {
  const color = parse(String(value ?? "").trim());
  return color ?? null;
}

/**
 * WCAG relative luminance of a CSS colour (0 black … 1 white), or null when it is not a colour.
 * @param {string} value
 * @returns {number|null}
 */
export function luminance(value) {
  const color = parseColor(value);
  return color ? wcagLuminance(color) : null;
}

/**
 * WCAG contrast ratio of two CSS colours (1 … 21).
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function contrast(a, b) {
  return wcagContrast(parseColor(a), parseColor(b));
}

const alpha = (color) => (color?.alpha === undefined ? 1 : color.alpha);

/**
 * The page's background behind `element`: the first ancestor background that is mostly opaque, else the
 * canvas (white unless the page says `color-scheme: dark`).
 * @param {Element} element
 * @returns {string} a computed CSS colour
 */
export function backgroundBehind(element) {
  const view = element.ownerDocument.defaultView;
  for (let node = element; node; node = node.parentElement) {
    const value = view.getComputedStyle(node).backgroundColor;
    if (alpha(parseColor(value)) > OPAQUE_CUTOFF) return value;
  }
  const scheme = view.getComputedStyle(element.ownerDocument.documentElement).colorScheme ?? "";
  return /dark/.test(scheme) && !/light/.test(scheme) ? "rgb(18, 18, 18)" : "rgb(255, 255, 255)";
}

/**
 * Whether the page around `element` is dark: light text, or a dark background behind it.
 * @param {Element} element
 * @returns {boolean}
 */
export function isDarkAround(element) {
  const view = element.ownerDocument.defaultView;
  const text = parseColor(view.getComputedStyle(element).color);
  if (text && alpha(text) > OPAQUE_CUTOFF) return wcagLuminance(text) > LIGHT_TEXT_CUTOFF;
  return luminance(backgroundBehind(element)) < DARK_BACKGROUND_CUTOFF;
}
