// A DOM for the unit tests: jsdom's window, with the page's HTML. Modules under test take the document (or
// an element of it) as an argument, so nothing global is needed.
import { JSDOM } from "jsdom";

/**
 * The document of a page with `body` as its body's HTML.
 * @param {string} body
 * @param {{title?: string, url?: string}} [options]
 * @returns {Document}
 */
export function page(body, { title = "", url = "https://example.test/" } = {}) {
  const dom = new JSDOM(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`, { url });
  return dom.window.document;
}
