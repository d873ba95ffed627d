"""axe-core (npm devDependency) run in the browser: on extension pages in their own world, and on the
extension's UI in a page, where it lives in a closed shadow root axe cannot enter. There the audit runs in
the content script's isolated world on an exact copy: the root's nodes cloned into an open shadow root with
the same adopted stylesheet, at the same place, so colours, names and roles are those a person meets.
"""

from __future__ import annotations

import json

from tests.e2e.conftest import ROOT

AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")
SERIOUS = ("serious", "critical")
# WCAG 2.2 A and AA, and axe's best practices.
RUN_ONLY = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}


def summarize(results: dict) -> dict:
    """Violation counts by impact, and the serious or critical ones with their first nodes."""
    counts: dict[str, int] = {}
    serious = []
    for violation in results["violations"]:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
        if violation["impact"] in SERIOUS:
            serious.append({"id": violation["id"], "nodes": [n["target"] for n in violation["nodes"][:3]],
                            "summary": violation["nodes"][0].get("failureSummary", "")[:300]})
    return {"counts": counts, "serious": serious, "passes": len(results["passes"])}


def audit_page(page) -> dict:
    """axe on an extension page (popup, options), in its own world."""
    page.evaluate(AXE_SOURCE + "\n;0")
    return summarize(page.evaluate("(only) => axe.run(document, {runOnly: only, resultTypes: ['violations']})", RUN_ONLY))


def audit_ui(ui) -> dict:
    """axe on the extension's UI in a page (tests/e2e/shadow.py ShadowUi): the closed root's copy only."""
    # Evaluated as the protocol's own expression (no eval() in the world, whose CSP may forbid it).
    ui.cdp.send("Runtime.evaluate", {"expression": AXE_SOURCE + "\n;0", "contextId": ui._context_id()})
    results = ui.evaluate(
        """async (ui, only) => {
          document.getElementById('termslens-axe-copy')?.remove();
          const root = ui.root();
          const host = document.createElement('div');
          host.id = 'termslens-axe-copy';
          host.setAttribute('style', document.querySelector('termslens-ui').getAttribute('style'));
          const open = host.attachShadow({mode: 'open'});
          open.adoptedStyleSheets = [...root.adoptedStyleSheets];
          for (const node of root.childNodes) open.appendChild(node.cloneNode(true));
          document.documentElement.appendChild(host);
          try {
            return await axe.run({include: [['#termslens-axe-copy']]}, {runOnly: only, resultTypes: ['violations']});
          } finally {
            host.remove();
          }
        }""",
        RUN_ONLY,
    )
    return summarize(results)


def describe(summary: dict) -> str:
    return json.dumps(summary, indent=1)[:3000]
