"""Validate Open Badges 2.0 badges of a built site with the IMS reference validator (badgecheck), offline.

Runs with ``.venv-ob2/bin/python`` (``make .venv-ob2/.ready``); it imports nothing from the project.
Every GET below ``--siteurl`` is answered from the files in ``--output``; the Open Badges v2 JSON-LD
context is served from the copy inside badgecheck; every other request is refused, so nothing leaves the
machine. Prints one JSON line per input::

    {"input": ..., "valid": bool, "errorCount": n, "warningCount": n, "messages": [...], "refused": [urls], ...}

Inputs are hosted assertion URLs or paths to baked PNG/SVG files, optionally with the recipient to
verify against (an e-mail address, or a URL for url identities)::

    ob2_check.py --output DIR --siteurl URL https://site/openbadges/assertions/a-b.json badge.png
    echo '[{"input": "badge.svg", "recipient": "jan@example.nl"}]' | ob2_check.py --output DIR --siteurl URL --batch -

A batch item may also carry a ``label`` (echoed in its line) and its own ``output`` folder (a tampered copy
of the site, say), so one process can check several variants of a site.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import re
import socket
import sys
import traceback
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
import responses
from openbadges import verify
from openbadges.verifier.openbadges_context import OPENBADGES_CONTEXT_V2_DICT, OPENBADGES_CONTEXT_V2_URI
from openbadges_bakery import svg_bakery

# badgecheck asks for the first; answered directly, no redirect to openbadgespec.org (where w3id.org points) is needed.
CONTEXT_URLS = (
    OPENBADGES_CONTEXT_V2_URI,
    "http://w3id.org/openbadges/v2",
    "https://openbadgespec.org/v2/context.json",
    "https://www.openbadgespec.org/v2/context.json",
)
CONTENT_TYPES = {
    ".json": "application/ld+json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def offline_mock(output: Path, siteurl: str, served: list[str], refused: list[str]) -> responses.RequestsMock:
    """One catch-all `responses` callback: the v2 context, files below ``siteurl``, and a refusal for anything else.

    (A single registration on purpose: with several matching registrations `responses` rotates between them.)
    """
    root = output.resolve()
    base = siteurl.rstrip("/")
    prefix = urlsplit(base).path
    context = json.dumps(OPENBADGES_CONTEXT_V2_DICT).encode()

    def answer(request):
        url = request.url
        if request.method == "GET" and url.split("#")[0] in CONTEXT_URLS:
            served.append(f"200 {url}")
            return 200, {"Content-Type": "application/ld+json"}, context
        if request.method == "GET" and (url == base or url.startswith((base + "/", base + "?", base + "#"))):
            path = unquote(urlsplit(url).path)[len(prefix):].lstrip("/")
            target = (root / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root) or not target.is_file():
                served.append(f"404 {url}")
                return 404, {"Content-Type": "text/plain"}, f"Not found: {url}"
            served.append(f"200 {url}")
            return 200, {"Content-Type": content_type(target)}, target.read_bytes()
        refused.append(f"{request.method} {url}")
        raise requests.ConnectionError(f"ob2_check is offline: refused {request.method} {url}")

    mock = responses.RequestsMock(assert_all_requests_are_fired=False)
    anything = re.compile(".*")
    for method in (responses.GET, responses.HEAD, responses.POST, responses.PUT, responses.PATCH, responses.DELETE):
        mock.add_callback(method, anything, callback=answer)
    return mock


def forbid_sockets(blocked: list[str]):
    """Belt and braces: code that bypasses `requests` (pyld's own urllib loader, say) cannot reach the network."""

    def refuse(*args, **kwargs):
        blocked.append(repr(args[1:] if args and isinstance(args[0], socket.socket) else args))
        raise OSError("ob2_check is offline: no network connections")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def decode_svg_verify_attribute():
    """Work around badgecheck's SVG unbaking under Python 3 (1EdTech/openbadges-validator-core#226, open).

    For an SVG baked as the baking spec shows (``<openbadges:assertion verify="URL">`` plus the JSON in
    CDATA), openbadges-bakery returns the ``verify`` URL as bytes, which badgecheck then rejects with
    "only URL, JSON, or JWS input implemented". Decoding it lets badgecheck go on with that URL exactly as
    it does for a PNG: fetch the hosted assertion and validate everything behind it.
    """
    original = svg_bakery.unbake

    def unbake(image_file):
        value = original(image_file)
        return value.decode("utf-8") if isinstance(value, bytes) else value

    svg_bakery.unbake = unbake


def recipient_profile(recipient) -> dict | None:
    if not recipient:
        return None
    if isinstance(recipient, dict):
        return dict(recipient)
    if re.match(r"^https?://", recipient):
        return {"url": recipient}
    return {"email": recipient}


def check(item: dict) -> dict:
    """Validate one input; a crash of the validator itself becomes an error message, never a pass."""
    value = item["input"]
    profile = recipient_profile(item.get("recipient"))
    options = {"use_cache": False, "cache_backend": None}
    try:
        if re.match(r"^https?://", value):
            result = verify(value, recipient_profile=profile, **options)
        else:
            with open(value, "rb") as badge_file:
                result = verify(badge_file, recipient_profile=profile, **options)
    except Exception as error:  # report it and go on with the next input
        return {"valid": False, "errorCount": 1, "warningCount": 0,
                "messages": [{"messageLevel": "ERROR", "name": "HARNESS", "success": False,
                              "result": "".join(traceback.format_exception_only(type(error), error)).strip()}]}
    report = result["report"]
    summary = {key: report.get(key) for key in ("valid", "errorCount", "warningCount", "messages")}
    summary["validationSubject"] = report.get("validationSubject")
    summary["recipientProfile"] = report.get("recipientProfile")
    summary["openBadgesVersion"] = report.get("openBadgesVersion")
    summary["types"] = sorted({str(node.get("type")) for node in result.get("graph", []) if node.get("type")})
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", required=True, type=Path, help="the built site folder")
    parser.add_argument("--siteurl", required=True, help="the SITEURL the site was built with")
    parser.add_argument("--batch", help="a JSON file ('-' for stdin): a list of {input, recipient?, label?, output?}")
    parser.add_argument("inputs", nargs="*", help="assertion URLs or baked PNG/SVG files (no recipient check)")
    args = parser.parse_args(argv)

    items = [{"input": value} for value in args.inputs]
    if args.batch:
        text = sys.stdin.read() if args.batch == "-" else Path(args.batch).read_text(encoding="utf-8")
        items += json.loads(text)
    if not items:
        parser.error("no inputs")
    for folder in {args.output, *(Path(item["output"]) for item in items if item.get("output"))}:
        if not folder.is_dir():
            parser.error(f"output {folder} is not a folder")

    decode_svg_verify_attribute()
    blocked: list[str] = []
    forbid_sockets(blocked)
    for item in items:
        served, refused = [], []
        output = Path(item.get("output") or args.output)
        with offline_mock(output, args.siteurl, served, refused):
            summary = check(item)
        refused += [f"socket {address}" for address in blocked]
        blocked.clear()
        line = {"label": item.get("label"), "input": item["input"], "recipient": item.get("recipient"), **summary,
                "served": served, "refused": refused}
        print(json.dumps(line, ensure_ascii=False, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
