"""Serve a built site on localhost the way production does (``make lighthouse`` measures over it).

Debian's nginx with the site's own snippet for production (``deploy/nginx-headers.conf``, made by
``make docs`` from ``plugins/seo/headers.py``): the Content-Security-Policy and the other security
headers, Cache-Control (immutable for the fingerprinted assets, short for the rest), the
precompressed ``.br``/``.gz`` copies the build wrote (``brotli_static``/``gzip_static``) and
``404.html`` for a missing path. Over HTTPS and HTTP/2, as every host the site is published on
serves it (GitHub Pages, GitLab Pages, Cloudflare Pages, Netlify): the requests of a page share one
connection, and browsers offer brotli only over HTTPS. The certificate is self-signed, made for
127.0.0.1 for this run; a browser must be told to accept it (Chromium:
``--ignore-certificate-errors``).

    .venv/bin/python scripts/preview_server.py output --port 8443

``make lighthouse`` installs nginx (``nginx-light``, ``libnginx-mod-http-brotli-static``) with
apt-get when it is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "deploy" / "nginx-headers.conf"
# Debian's libnginx-mod-http-brotli-static, for the snippet's ``brotli_static on``
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
PACKAGES = "nginx-light libnginx-mod-http-brotli-static openssl"

CONFIG = """load_module {module};
{user}worker_processes 1;
daemon off;
pid {scratch}/nginx.pid;
error_log {scratch}/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    types {{ text/calendar ics; text/csv csv; }}
    access_log off;
    sendfile on;
    client_body_temp_path {scratch}/tmp; proxy_temp_path {scratch}/tmp; fastcgi_temp_path {scratch}/tmp;
    uwsgi_temp_path {scratch}/tmp; scgi_temp_path {scratch}/tmp;
    server {{
        listen {host}:{port} ssl http2;
        ssl_certificate {scratch}/cert.pem;
        ssl_certificate_key {scratch}/key.pem;
        root {root};
        include {snippet};
    }}
}}
"""


def nginx() -> str:
    """The nginx binary; a clear error when it or the brotli module is missing."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).is_file() or not BROTLI_MODULE.is_file() or not shutil.which("openssl"):
        raise RuntimeError(f"nginx ontbreekt: apt-get install {PACKAGES}")
    return binary


def serve(root: Path, port: int, scratch: Path, host: str = "127.0.0.1") -> subprocess.Popen:
    """Start nginx serving ``root`` on ``https://<host>:<port>/`` and return it once it listens.

    ``scratch`` (an empty folder the caller removes) holds the configuration, the certificate and
    nginx's own files. Stop it with ``terminate()``."""
    binary = nginx()
    (scratch / "tmp").mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(scratch / "key.pem"), "-out", str(scratch / "cert.pem"), "-days", "2",
                    "-subj", f"/CN={host}", "-addext", f"subjectAltName=IP:{host}"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # nginx started by root hands requests to an unprivileged worker, which may not read a build in a
    # private home folder: let the worker be the user who built it
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    config = scratch / "nginx.conf"
    config.write_text(CONFIG.format(module=BROTLI_MODULE, user=user, scratch=scratch, host=host, port=port,
                                    root=Path(root).resolve(), snippet=SNIPPET), encoding="utf-8")
    process = subprocess.Popen([binary, "-c", str(config), "-e", str(scratch / "error.log")])
    deadline = time.monotonic() + 15
    while True:
        with socket.socket() as probe:
            if probe.connect_ex((host, port)) == 0:
                return process
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            log = scratch / "error.log"
            said = log.read_text(encoding="utf-8", errors="replace").strip()[-500:] if log.is_file() else ""
            raise RuntimeError(f"nginx op poort {port} startte niet (exit {process.returncode}): {said}")
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?", default=ROOT / "output")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8443")))
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            process = serve(args.root, args.port, Path(scratch))
            print(f"https://127.0.0.1:{args.port}/ serveert {args.root}", flush=True)  # listening: a caller may go on
            with contextlib.suppress(KeyboardInterrupt):
                process.wait()
            process.terminate()
            process.wait()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
