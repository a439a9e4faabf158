#!/usr/bin/env python3
"""A scripted HTTP server on 127.0.0.1 for crawler tests. Standard library only.

    http_server.py SITES.json STATE_DIR

SITES.json is a list of sites; each gets its own port (so each is a separate host to the
crawler). A site is {"routes": {PATH: ROUTE, ...}}, PATH including the query string. A ROUTE is
one response or {"sequence": [RESPONSE, ...]} (the n-th request gets the n-th response, the last
one repeats). A RESPONSE has "status" (200), "headers" ({}), "body" (text, "{port0}", "{port1}"
... replaced by the sites' ports) or "file" (a file whose bytes are sent as they are), and
optionally "gzip": true (body sent gzip-encoded with Content-Encoding), "delay": seconds before
answering. Unknown paths get 404.

Conditional requests: a RESPONSE may have "etag" (e.g. "\"v1\"", quotes included) and
"last_modified" (an HTTP date), sent as the ETag and Last-Modified headers. A request whose
If-None-Match names the etag (or is *) gets 304 Not Modified with those headers and no body;
without If-None-Match, so does one whose If-Modified-Since is the last_modified string exactly.
Only 200 responses are conditional.

Reloading: when SITES.json changes (a new file renamed over it, as writers should, or a new mtime
or size), the routes are read again on the next request, and the sequences start again from their
first response. The ports stay: sites past the number the server started with are ignored, and a
site left out has no routes (404). A file that does not parse keeps the previous routes (the
error goes to stderr) until it is replaced again.

The server writes STATE_DIR/ports (one port per line, in site order) once listening, and appends
one JSON line per request to STATE_DIR/requests.jsonl: {"site", "path", "time" (monotonic
seconds, at arrival), "status" (the status sent: 304 when a conditional request matched),
"headers" (lower-cased names)}. It runs until killed.
"""

import gzip
import json
import os
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Sites:
    """The routes of every site, read again from the file whenever it changes. Thread-safe."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.signature = None
        self.routes = []
        self.counters = {}
        self.refresh()

    def _stat(self):
        st = os.stat(self.path)
        # The inode changes with every rename over the file, even within one mtime tick.
        return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)

    def refresh(self):
        """Re-reads the file if it changed since it was last read. Call with self.lock held (or
        before the server starts)."""
        signature = self._stat()
        if signature == self.signature:
            return
        try:
            with open(self.path, encoding="utf-8") as f:
                sites = json.load(f)
        except (OSError, ValueError) as e:
            if self.signature is None:
                raise
            print("http_server.py: %s: %s; keeping the previous routes" % (self.path, e),
                  file=sys.stderr)
            self.signature = signature
            return
        self.signature = signature
        self.routes = [site.get("routes", {}) for site in sites]
        self.counters = {}

    def site_count(self):
        return len(self.routes)

    def next_response(self, site, path):
        """The response for this request, and how many came before it to the same path."""
        self.refresh()
        routes = self.routes[site] if site < len(self.routes) else {}
        key = (site, path)
        count = self.counters.get(key, 0)
        self.counters[key] = count + 1
        route = routes.get(path)
        if route is None:
            return {"status": 404, "body": "not found"}
        if "sequence" in route:
            sequence = route["sequence"]
            return sequence[min(count, len(sequence) - 1)]
        return route


def not_modified(response, request_headers):
    """True when the request's validators match the response's (RFC 9110, 13.1.2 and 13.1.3)."""
    if response.get("status", 200) != 200:
        return False
    etag = response.get("etag")
    if_none_match = request_headers.get("If-None-Match")
    if if_none_match is not None:
        if etag is None:
            return False
        tags = [t.strip() for t in if_none_match.split(",")]

        def weak(tag):  # If-None-Match compares weakly: W/"x" matches "x"
            return tag[2:] if tag.startswith("W/") else tag

        return "*" in tags or weak(etag) in [weak(t) for t in tags]
    last_modified = response.get("last_modified")
    return last_modified is not None and request_headers.get("If-Modified-Since") == last_modified


def main():
    sites = Sites(sys.argv[1])
    state = sys.argv[2]
    log_path = os.path.join(state, "requests.jsonl")
    servers = []
    ports = []

    def make_handler(site_index):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                now = time.monotonic()
                # One lock: the counters, the reload and the log stay in arrival order.
                with sites.lock:
                    response = sites.next_response(site_index, self.path)
                    unchanged = not_modified(response, self.headers)
                    status = 304 if unchanged else response.get("status", 200)
                    with open(log_path, "a", encoding="utf-8") as log:
                        log.write(json.dumps({
                            "site": site_index, "path": self.path, "time": now, "status": status,
                            "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
                if response.get("delay"):
                    time.sleep(response["delay"])
                headers = dict(response.get("headers", {}))
                if "etag" in response:
                    headers["ETag"] = response["etag"]
                if "last_modified" in response:
                    headers["Last-Modified"] = response["last_modified"]
                if unchanged:
                    self.send_response(304)
                    self.send_headers(headers)
                    self.end_headers()
                    return
                if "file" in response:
                    with open(response["file"], "rb") as f:
                        data = f.read()
                else:
                    body = response.get("body", "")
                    for i, port in enumerate(ports):
                        body = body.replace("{port%d}" % i, str(port))
                    data = body.encode("utf-8")
                if response.get("gzip"):
                    data = gzip.compress(data)
                    headers["Content-Encoding"] = "gzip"
                headers.setdefault("Content-Type", "text/html; charset=utf-8")
                self.send_response(status)
                self.send_headers(headers)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def send_headers(self, headers):
                for name, value in headers.items():
                    for i, port in enumerate(ports):
                        value = value.replace("{port%d}" % i, str(port))
                    self.send_header(name, value)

        return Handler

    for index in range(sites.site_count()):
        server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(index))
        server.daemon_threads = True
        servers.append(server)
        ports.append(server.server_address[1])
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(os.path.join(state, "ports.tmp"), "w") as out:
        out.write("".join("%d\n" % p for p in ports))
    os.rename(os.path.join(state, "ports.tmp"), os.path.join(state, "ports"))
    threading.Event().wait()


if __name__ == "__main__":
    socketserver.TCPServer.allow_reuse_address = True
    main()
