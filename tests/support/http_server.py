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

The server writes STATE_DIR/ports (one port per line, in site order) once listening, and appends
one JSON line per request to STATE_DIR/requests.jsonl: {"site", "path", "time" (monotonic
seconds), "headers" (lower-cased names)}. It runs until killed.
"""

import gzip
import json
import os
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    sites = json.load(open(sys.argv[1], encoding="utf-8"))
    state = sys.argv[2]
    log_lock = threading.Lock()
    counters = {}
    log_path = os.path.join(state, "requests.jsonl")
    servers = []
    ports = []

    def make_handler(site_index, routes):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                now = time.monotonic()
                with log_lock:
                    with open(log_path, "a", encoding="utf-8") as log:
                        log.write(json.dumps({
                            "site": site_index, "path": self.path, "time": now,
                            "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
                    key = (site_index, self.path)
                    count = counters.get(key, 0)
                    counters[key] = count + 1
                route = routes.get(self.path)
                if route is None:
                    response = {"status": 404, "body": "not found"}
                elif "sequence" in route:
                    sequence = route["sequence"]
                    response = sequence[min(count, len(sequence) - 1)]
                else:
                    response = route
                if response.get("delay"):
                    time.sleep(response["delay"])
                if "file" in response:
                    with open(response["file"], "rb") as f:
                        data = f.read()
                else:
                    body = response.get("body", "")
                    for i, port in enumerate(ports):
                        body = body.replace("{port%d}" % i, str(port))
                    data = body.encode("utf-8")
                headers = dict(response.get("headers", {}))
                if response.get("gzip"):
                    data = gzip.compress(data)
                    headers["Content-Encoding"] = "gzip"
                headers.setdefault("Content-Type", "text/html; charset=utf-8")
                self.send_response(response.get("status", 200))
                for name, value in headers.items():
                    for i, port in enumerate(ports):
                        value = value.replace("{port%d}" % i, str(port))
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    for index, site in enumerate(sites):
        server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(index, site.get("routes", {})))
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
