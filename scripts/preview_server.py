"""Serve a built site on localhost the way production does (``make lighthouse`` measures over it).

The same response headers as the nginx snippet and ``_headers`` (``plugins/seo/headers.py``):
the Content-Security-Policy and the other security headers, Cache-Control (immutable for the
fingerprinted assets, short for the rest), and the precompressed ``.br``/``.gz`` copies the build
wrote, chosen by the request's Accept-Encoding like nginx's ``brotli_static``/``gzip_static``.
A missing path answers with ``404.html`` and status 404.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import mimetypes
import os
import sys
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent

from seo.headers import COMPRESSED_SUFFIXES, cache_control_for, headers_for  # noqa: E402

TYPES = {".woff2": "font/woff2", ".ics": "text/calendar; charset=utf-8", ".csv": "text/csv; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
         ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
         ".webp": "image/webp", ".txt": "text/plain; charset=utf-8", ".atom.xml": "application/atom+xml"}


def resolve(root: Path, url_path: str) -> tuple[Path | None, str]:
    """The file a URL path names below ``root`` (a folder means its index.html), and its site path."""
    relative = unquote(url_path.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    candidate = (root / relative).resolve()
    if root not in candidate.parents and candidate != root:
        return None, relative
    if candidate.is_dir():
        return None, relative  # a folder without its slash: let the 404 answer
    return (candidate if candidate.is_file() else None), relative


def content_type(path: Path) -> str:
    if path.name.endswith(".atom.xml"):
        return TYPES[".atom.xml"]
    return TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def encoded(path: Path, accept_encoding: str) -> tuple[Path, str | None]:
    """The precompressed copy of ``path`` the client accepts (brotli first), else ``path`` itself."""
    if not path.name.endswith(COMPRESSED_SUFFIXES):
        return path, None
    accepted = {part.split(";")[0].strip() for part in accept_encoding.split(",")}
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        copy = path.with_name(path.name + suffix)
        if encoding in accepted and copy.is_file():
            return copy, encoding
    return path, None


class Handler(http.server.BaseHTTPRequestHandler):
    root: Path

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        path, relative = resolve(self.root, self.path)
        status = 200
        if path is None:
            status, path, relative = 404, self.root / "404.html", "404.html"
        sent, encoding = encoded(path, self.headers.get("Accept-Encoding", ""))
        data = sent.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if path.name.endswith(COMPRESSED_SUFFIXES):
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", cache_control_for(relative))
        for name, value in headers_for(relative):
            self.send_header(name, value)
        self.end_headers()
        if body:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                # The browser dropped the request (Lighthouse does so when it leaves a page);
                # there is nobody left to answer.
                self.close_connection = True


def server(root: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, root=Path(root).resolve())
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    return http.server.ThreadingHTTPServer((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?", default=ROOT / "output")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    httpd = server(args.root, args.port)
    print(f"http://127.0.0.1:{args.port}/ serveert {args.root}", flush=True)  # listening: a caller may go on
    with contextlib.suppress(KeyboardInterrupt):
        httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
