"""Browser fixtures: the real service on a free port, Debian's Chromium with the unpacked extension, and the
test web (tests/e2e/site.py) served through routing. One browser for the whole session; each test opens its
own pages and waits on the extension's readiness flags, never on sleeps.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.shadow import ShadowUi
from tests.e2e.site import Site, build_site, xss_record_file
from tests.e2e.web import TestWeb

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
EXTENSION_ID = "ohdbolieedmedmfgdacelnpmjdfmlima"
EXTENSION_URL = f"chrome-extension://{EXTENSION_ID}"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("TERMSLENS_CHROMIUM", "/usr/bin/chromium")
TERMSLENS = Path(sys.executable).with_name("termslens")
READY_TIMEOUT_MS = 15_000

def chromium_args(extension_dir: Path = EXTENSION_DIR) -> list[str]:
    """Chromium's switches for the tests: quiet, and with only the unpacked extension at `extension_dir`."""
    return [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--disable-extensions-except={extension_dir}",
        f"--load-extension={extension_dir}",
    ]


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is marked `e2e` (pyproject.toml), so `-m "not e2e"` leaves the browser out.
    pytest hands this hook every collected item, not only this folder's, hence the path check."""
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Service:
    """`termslens serve` as a subprocess on a free port, with its own data folder and record folders."""

    def __init__(self, data_dir: Path, record_dirs: list[Path]):
        self.data_dir = data_dir
        self.record_dirs = record_dirs
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = data_dir / "serve.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> Service:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TERMSLENS_DATA_DIR": str(self.data_dir)}
        env.pop("TERMSLENS_RECORDS", None)
        args = [str(TERMSLENS), "serve", "--port", str(self.port)]
        for folder in self.record_dirs:
            args += ["--records", str(folder)]
        self.process = subprocess.Popen(args, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"termslens serve exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                    if json.load(response)["status"] == "ok":
                        return self
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"termslens serve did not answer on port {self.port}:\n{self.log.read_text()}")

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return json.load(response)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="session")
def record_dir(tmp_path_factory) -> Path:
    """A user record folder holding the record whose text carries HTML."""
    folder = tmp_path_factory.mktemp("records")
    (folder / "example-widgets.json").write_text(json.dumps(xss_record_file(), ensure_ascii=False, indent=1), "utf-8")
    return folder


@pytest.fixture(scope="session")
def service(tmp_path_factory, record_dir) -> Service:
    running = Service(tmp_path_factory.mktemp("service-data"), [record_dir]).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def site(shared_dir) -> Site:
    return build_site(shared_dir)


@dataclass
class Extension:
    """The browser with the extension loaded, and what a test does with it (as Privacy Badger's pbtest)."""

    context: object
    worker: object
    service: Service
    site: Site

    def open(self, url: str, *, state: str | None = "ready", color_scheme: str | None = None,
             viewport: tuple[int, int] | None = None):
        """A new tab at `url` (in the system `color_scheme` and `viewport` (width, height) given); with `state`,
        wait until the content script reports it."""
        page = self.context.new_page()
        if color_scheme:
            page.emulate_media(color_scheme=color_scheme)
        if viewport:
            page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        page.goto(url)
        if state:
            self.wait_state(page, state)
        return page

    def wait_state(self, page, state: str) -> None:
        page.wait_for_selector(f"html[data-termslens-state='{state}']", state="attached", timeout=READY_TIMEOUT_MS)

    def ui(self, page) -> ShadowUi:
        """The extension's UI on `page`, inside its closed shadow root (tests/e2e/shadow.py)."""
        return ShadowUi(page)

    def tab_id(self, page) -> int:
        """The browser's id of the tab showing `page` (the active tab once it is brought to the front)."""
        page.bring_to_front()
        return self.worker.evaluate(
            "async () => (await chrome.tabs.query({active: true, lastFocusedWindow: true}))[0].id"
        )

    def open_popup(self, page):
        """The toolbar popup, opened as a page pointed at the tab showing `page`."""
        tab_id = self.tab_id(page)
        popup = self.context.new_page()
        popup.set_viewport_size({"width": 380, "height": 600})
        popup.goto(f"{EXTENSION_URL}/popup/popup.html?tabId={tab_id}")
        popup.wait_for_selector(
            "html[data-popup-state='ready'], html[data-popup-state='offline'], html[data-popup-state='busy']", state="attached"
        )
        return popup

    def set_port(self, port: int) -> None:
        set_port(self.context, port)

    def highlights(self, page) -> dict[str, list[str]]:
        """The text of each highlighted range, by highlight name, as the page's highlight registry holds it."""
        return page.evaluate(
            "() => Object.fromEntries([...CSS.highlights].filter(([n]) => n.startsWith('termslens-'))"
            ".map(([name, h]) => [name, [...h].map((r) => r.toString())]))"
        )


@pytest.fixture(scope="session")
def web(site) -> TestWeb:
    server = TestWeb(site).start()
    yield server
    server.stop()


def launch(playwright, profile: Path, web: TestWeb, *, extension_dir: Path = EXTENSION_DIR, **options):
    """Debian's Chromium with the unpacked extension, every web address answered by `web`."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (the tests never download a browser)")
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=chromium_args(extension_dir) + web.chromium_args(),
        ignore_https_errors=True,
        viewport={"width": 1280, "height": 900},
        **options,
    )


def open_options(context):
    """The extension's options page in a new tab, once its script has read the settings."""
    options = context.new_page()
    options.goto(f"{EXTENSION_URL}/options/options.html")
    options.wait_for_selector("html[data-options-state='ready']", state="attached")
    return options


def set_port(context, port: int) -> None:
    """Point the extension in `context` at the service's `port` through its options page, as a user would."""
    options = open_options(context)
    options.fill("#port", str(port))
    options.click("button[type=submit]")
    options.wait_for_selector(f"html[data-options-saved='{port}']", state="attached")
    options.close()


def extension_worker(context):
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    assert worker.url == f"{EXTENSION_URL}/background/worker.js", worker.url
    return worker


@pytest.fixture(scope="session")
def extension(service, site, web, tmp_path_factory) -> Extension:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"), web)
        ext = Extension(context, extension_worker(context), service, site)
        ext.set_port(service.port)
        yield ext
        context.close()


@pytest.fixture
def pages(extension):
    """Closes the pages a test opened."""
    opened_before = set(extension.context.pages)
    yield
    for page in extension.context.pages:
        if page not in opened_before:
            page.close()


def screenshot(page, name: str, **kwargs) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), **kwargs)
    return path
