"""Headless Chromium from Debian for the page tests: open a file with the network blocked, count ink."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def open_offline(browser, path: Path, timeout_ms: float = 120_000, ready: str | None = "body[data-ready='1']"):
    """A page on ``path`` where any request that is not file: or data: is refused and logged, once the
    page says its first view is drawn (``ready``: body[data-ready] on the graph pages, where a canvas measured
    before is still blank; None for pages drawn by the time they have loaded, as the region report)."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    log: dict[str, list[str]] = {"errors": [], "dialogs": [], "blocked": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))

    def on_dialog(dialog):
        log["dialogs"].append(dialog.message)
        dialog.dismiss()

    def on_route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            log["blocked"].append(route.request.url)
            route.abort()

    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    page.goto(path.resolve().as_uri())
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=timeout_ms)
    return page, log


def settled_position(page, node: int, timeout_s: float = 5.0) -> dict:
    """Where a node is drawn once the view has stopped moving (closing the side panel resizes the canvas)."""
    import time

    deadline = time.monotonic() + timeout_s
    last = page.evaluate(f"() => window.pufa.domPosition({node})")
    while time.monotonic() < deadline:
        page.wait_for_timeout(150)
        now = page.evaluate(f"() => window.pufa.domPosition({node})")
        if now == last:
            return now
        last = now
    return last


def ink(png: bytes) -> float:
    """The share of pixels that are not (nearly) white."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return 1 - sum(image.histogram()[245:]) / (image.width * image.height)


class Tags(HTMLParser):
    """Every start tag and its attributes (script bodies are not parsed as markup, as in a browser)."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
