"""Pages that change after load: a single-page app's route to its terms gets highlighted, a section opened
later is re-read, removed text takes its highlight with it at once, and leaving the route clears it all."""

from __future__ import annotations

from tests.e2e.shadow import MARKERS
from tests.e2e.site import SPA_HOME_URL, SPA_TERMS_URL

HAS_CLAUSE = """(start) => [...CSS.highlights].filter(([n]) => n.startsWith('termslens-'))
    .some(([, h]) => [...h].some((r) => r.toString().startsWith(start)))"""
NO_HIGHLIGHTS = "() => ![...CSS.highlights.keys()].some((n) => n.startsWith('termslens-'))"


def test_a_single_page_app_is_highlighted_as_it_changes(extension, service, pages):
    training = service.get("/records/anthropic-terms-model-training")["quote"]
    law = service.get("/records/anthropic-terms-governing-law")["quote"]
    page = extension.open(SPA_HOME_URL, state="idle")
    assert extension.highlights(page) == {}

    page.click("a[data-route]")  # history.pushState to /legal/terms, then the app renders it
    assert page.url == SPA_TERMS_URL
    page.wait_for_function(HAS_CLAUSE, arg=training[:40], polling=100)
    # The governing-law clause sits in a closed <details>: not visible, not read.
    assert not page.evaluate(HAS_CLAUSE, law[:40])

    page.click("#law summary")
    page.wait_for_function(HAS_CLAUSE, arg=law[:40], polling=100)
    ui = extension.ui(page)
    marker_titles = ui.attributes(MARKERS, "title")
    assert service.get("/records/anthropic-terms-governing-law")["title"] in marker_titles

    # Removing a clause's paragraph drops its highlight before the next frame, not after the re-read.
    dropped = page.evaluate(
        """async (start) => {
          const all = () => [...CSS.highlights].filter(([n]) => n.startsWith('termslens-')).flatMap(([, h]) => [...h]);
          const range = all().find((r) => r.toString().startsWith(start));
          range.startContainer.parentElement.closest('p').remove();
          await Promise.resolve();
          return {collapsed: all().filter((r) => r.collapsed).length, still: all().some((r) => r === range)};
        }""",
        training[:40],
    )
    assert dropped == {"collapsed": 0, "still": False}

    page.go_back()  # popstate to the home route
    page.wait_for_function(NO_HIGHLIGHTS, polling=100)
    ui.wait_count(MARKERS, 0)
    extension.wait_state(page, "idle")
