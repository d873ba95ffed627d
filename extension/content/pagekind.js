/**
 * Whether a page is a terms, privacy, legal, cookie or policy page, from its address, title and headings.
 * Only such pages are analysed without being asked; the text of any other page stays in the browser.
 */

// Words of an address (host labels and path segments) that name a legal document.
const URL_WORDS = new Set([
  "terms", "tos", "toc", "legal", "privacy", "policy", "policies", "cookie", "cookies", "conditions",
  "agreement", "eula", "gdpr", "disclaimer", "imprint", "impressum", "datenschutz", "confidentialite",
  "privacidad", "terminos", "condiciones", "nutzungsbedingungen", "agb", "cgu", "cgv", "useragreement",
  "termsofservice", "termsofuse", "privacypolicy", "cookiepolicy", "data-policy", "dpa",
]);

// Words of an address that mark an app's own screens ("/settings/data-privacy-controls"): such a URL alone
// does not make a legal document, though its title or headings still may.
const APP_WORDS = new Set(["settings", "account", "preferences", "controls", "dashboard", "admin", "login", "signin", "app"]);

// Phrases in a title or heading that name a legal document.
const TITLE_PHRASES =
  /\b(terms\s+(of\s+(service|use|sale)|and\s+conditions|&\s+conditions)|conditions\s+of\s+(use|sale)|user\s+agreement|(privacy|cookies?|data|acceptable\s+use)\s+(policy|notice|statement)|data\s+protection|legal\s+(terms|notice|information)|license\s+agreement|eula|nutzungsbedingungen|datenschutz(?:erkl[äa]rung|hinweise)?|politique\s+de\s+confidentialit|conditions\s+g[ée]n[ée]rales|t[ée]rminos\s+y\s+condiciones|pol[ií]tica\s+de\s+privacidad)\b/i;

/**
 * Whether `url` names a legal document by its words.
 * @param {string} url
 * @returns {boolean}
 */
export function urlLooksLegal(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const words = [...parsed.hostname.split("."), ...parsed.pathname.toLowerCase().split(/[/_.]+/)];
  if (words.some((word) => APP_WORDS.has(word) || word.split("-").some((part) => APP_WORDS.has(part)))) return false;
  for (const word of words) {
    if (URL_WORDS.has(word)) return true;
    // "consumer-terms", "privacy-policy", "terms-of-service": any hyphenated part counts.
    if (word.includes("-") && word.split("-").some((part) => URL_WORDS.has(part))) return true;
  }
  return false;
}

/**
 * Whether a title or heading text names a legal document.
 * @param {string} text
 */
export function textLooksLegal(text) {
  return TITLE_PHRASES.test(text || "");
}

/**
 * Whether the document is a page TermsLens analyses without being asked.
 * @param {Document} doc
 * @param {string} url
 * @returns {boolean}
 */
export function looksLikeTermsPage(doc, url) {
  if (urlLooksLegal(url) || textLooksLegal(doc.title)) return true;
  const headings = doc.querySelectorAll("h1, h2, [role=heading]");
  for (let i = 0; i < headings.length && i < 8; i += 1) {
    if (textLooksLegal(headings[i].textContent.slice(0, 200))) return true;
  }
  return false;
}
