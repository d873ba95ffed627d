/**
 * Reading an opt-out action's steps: which control a step names, whether it wants it on or off, and whether
 * it is a "go to this page" step that being on the settings page completes. Plain text work, no DOM and no
 * extension API, so Node can test it.
 */

// A control is named in quotes: “Help improve Claude”, "Ad preferences", ‘Share layouts’.
const QUOTED_NAME = /[“"‘]([^”"’]{2,80})[”"’]/;
const WANTS_OFF = /\b(switch|turn|toggle|set)\s+(it\s+)?off\b|\bdisable\b|\buncheck\b|\bdeselect\b|\bopt\s+out\b/i;
const WANTS_ON = /\b(switch|turn|toggle|set)\s+(it\s+)?on\b|\benable\b|\btick\b|\bcheck\s+the\b/i;
const NAVIGATION = /\b(open|go\s+to|navigate\s+to|visit|sign\s+in)\b/i;

/**
 * What a step asks for, as far as the page can show it.
 * @param {string} text a step of an action
 * @returns {{control: string|null, wantOn: boolean|null, navigation: boolean}} the control's name (from the
 *   quotes), the state wanted (null: not said), and whether it only says where to go
 */
export function readStep(text) {
  const quoted = QUOTED_NAME.exec(text);
  const off = WANTS_OFF.test(text);
  const on = WANTS_ON.test(text);
  return {
    control: quoted ? quoted[1].trim() : null,
    wantOn: off ? false : on ? true : null,
    navigation: NAVIGATION.test(text) && !quoted,
  };
}

/**
 * Text folded for comparing names: lower case, no quotes or punctuation, single spaces.
 * @param {string|null|undefined} text
 * @returns {string}
 */
export function fold(text) {
  return (text || "").toLowerCase().replace(/[“”"‘’'.,:;!?()]/g, "").replace(/\s+/g, " ").trim();
}

/**
 * Whether `url` is the page `target` names (same host and path, a trailing slash aside): then a navigation
 * step is done.
 * @param {string} url
 * @param {string} target
 * @returns {boolean}
 */
export function samePage(url, target) {
  try {
    const a = new URL(url);
    const b = new URL(target);
    return a.hostname === b.hostname && a.pathname.replace(/\/$/, "") === b.pathname.replace(/\/$/, "");
  } catch {
    return false;
  }
}
