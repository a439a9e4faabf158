#!/usr/bin/env python3
"""A scripted HTTP server on 127.0.0.1 for crawler tests. Standard library only (a brotli bomb
also needs the system's libbrotlienc, loaded with ctypes).

    http_server.py SITES.json STATE_DIR

SITES.json is a list of sites; each gets its own port (so each is a separate host to the
crawler). A site is {"routes": {PATH: ROUTE, ...}}, PATH including the query string; a PATH
ending in "*" serves every path starting with what comes before the "*" (the longest such
PATH wins; an exact PATH comes first). A ROUTE is one response or {"sequence": [RESPONSE, ...]}
(the n-th request gets the n-th response, the last one repeats). A RESPONSE has "status" (200), "headers" ({}), "body" (text, "{port0}", "{port1}"
... replaced by the sites' ports) or "file" (a file whose bytes are sent as they are), and
optionally "gzip": true (body sent gzip-encoded with Content-Encoding), "delay": seconds before
answering. Unknown paths get 404.

Hostile responses (for tests of the crawler's bounds). A RESPONSE may instead have one of these;
their bodies are generated while they are sent, never held whole, and end with the connection
(no Content-Length; the server closes the connection after them):
  "endless": TEXT         200, then TEXT over and over until the client hangs up.
  "drip": TEXT, "interval": SECONDS
                          200 with a Content-Length, then the body one byte every SECONDS (1).
  "bomb": "gzip" | "br"   200 with that Content-Encoding and an endless body of compressed
                          spaces (a few KiB on the wire per MiB decoded) until the client hangs
                          up. "br" needs libbrotlienc (loaded with ctypes); without it the server
                          answers 501.
  "urlset": N             a sitemap <urlset> of N entries, "first" (a list of locs, "{port0}"
                          replaced) and then http://127.0.0.1:PORT/gen/1 ... /gen/N-len(first).
  "index_chain": N        a <sitemapindex> listing N sitemaps: its own URL + "/1" ... "/N" (with a
                          "PATH*" route, an endless chain for N = 1, an endless tree for more).
  "header_lines": N, "header_line_bytes": M
                          200 whose head has N header lines (0: endless) of M bytes each.
  "raw": TEXT             TEXT as the whole response (status line, headers and body: malformed
                          chunking, CR or LF in a header value), each code point 0-255 as one
                          byte, then the connection is closed.
"bytes": TEXT is a "body" whose code points 0-255 are sent as single bytes (NUL bytes, invalid
UTF-8). Every response above except "raw" takes "headers" as usual. For each generated response
the server appends to STATE_DIR/streams.jsonl, when it ends, {"site", "path", "sent" (bytes
written, head included), "seconds", "ended": "complete" or "client closed"}.

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

import ctypes
import ctypes.util
import gzip
import itertools
import json
import os
import socketserver
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GENERATED = ("endless", "drip", "bomb", "urlset", "index_chain", "header_lines")
BLOCK = 1 << 20  # bytes of decoded body per compressed chunk of a bomb


def gzip_bomb():
    """An endless gzip stream of spaces: one gzip header, then the same flushed deflate block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    yield compressor.compress(b" " * BLOCK) + compressor.flush(zlib.Z_SYNC_FLUSH)
    while True:
        yield compressor.compress(b" " * BLOCK) + compressor.flush(zlib.Z_SYNC_FLUSH)


class Brotli:
    """The streaming encoder of libbrotlienc through ctypes (Python has no brotli module)."""

    PROCESS, FLUSH = 0, 1
    QUALITY, LGWIN = 1, 2

    def __init__(self):
        name = ctypes.util.find_library("brotlienc") or "libbrotlienc.so.1"
        lib = ctypes.CDLL(name)
        lib.BrotliEncoderCreateInstance.restype = ctypes.c_void_p
        lib.BrotliEncoderCreateInstance.argtypes = [ctypes.c_void_p] * 3
        lib.BrotliEncoderSetParameter.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
        lib.BrotliEncoderCompressStream.argtypes = [
            ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_size_t),
            ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
            ctypes.c_void_p, ctypes.c_void_p]
        lib.BrotliEncoderTakeOutput.restype = ctypes.POINTER(ctypes.c_uint8)
        lib.BrotliEncoderTakeOutput.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t)]
        lib.BrotliEncoderHasMoreOutput.argtypes = [ctypes.c_void_p]
        lib.BrotliEncoderDestroyInstance.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def bomb(self):
        """An endless brotli stream of spaces, flushed after each BLOCK of input."""
        lib = self.lib
        state = lib.BrotliEncoderCreateInstance(None, None, None)
        lib.BrotliEncoderSetParameter(state, self.QUALITY, 5)
        lib.BrotliEncoderSetParameter(state, self.LGWIN, 22)
        block = ctypes.create_string_buffer(b" " * BLOCK, BLOCK)
        try:
            while True:
                available = ctypes.c_size_t(BLOCK)
                next_in = ctypes.c_void_p(ctypes.addressof(block))
                zero = ctypes.c_size_t(0)
                out = b""
                while available.value > 0 or lib.BrotliEncoderHasMoreOutput(state):
                    if not lib.BrotliEncoderCompressStream(state, self.FLUSH, ctypes.byref(available),
                                                           ctypes.byref(next_in), ctypes.byref(zero),
                                                           None, None):
                        raise RuntimeError("brotli encoder failed")
                    size = ctypes.c_size_t(0)
                    data = lib.BrotliEncoderTakeOutput(state, ctypes.byref(size))
                    out += ctypes.string_at(data, size.value)
                yield out
        finally:
            lib.BrotliEncoderDestroyInstance(state)


def brotli_or_none():
    try:
        return Brotli()
    except (OSError, AttributeError):
        return None


def urlset(count, first, base):
    """The chunks of a sitemap of `count` entries: `first`, then base/gen/1, base/gen/2 ..."""
    yield (b"<?xml version='1.0' encoding='UTF-8'?>\n"
           b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>\n")
    listed = list(first)[:count]
    generated = ("%s/gen/%d" % (base, i) for i in range(1, count - len(listed) + 1))
    batch = []
    for loc in itertools.chain(listed, generated):
        batch.append("<url><loc>%s</loc></url>\n" % loc)
        if len(batch) == 10000:
            yield "".join(batch).encode("utf-8")
            batch = []
    yield ("".join(batch) + "</urlset>\n").encode("utf-8")


def endless(text):
    data = text * max(1, 65536 // max(1, len(text)))
    while True:
        yield data


def drip(data, interval):
    for i in range(len(data)):
        if i:
            time.sleep(interval)
        yield data[i:i + 1]


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
        if route is None:  # the longest "PREFIX*" route that matches
            prefixes = [p for p in routes if p.endswith("*") and path.startswith(p[:-1])]
            route = routes[max(prefixes, key=len)] if prefixes else None
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
                if "raw" in response:
                    self.wfile.write(self.expand(response["raw"]).encode("latin-1"))
                    self.close_connection = True
                    return
                if any(kind in response for kind in GENERATED):
                    self.send_generated(response, headers)
                    return
                if "file" in response:
                    with open(response["file"], "rb") as f:
                        data = f.read()
                elif "bytes" in response:
                    data = self.expand(response["bytes"]).encode("latin-1")
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

            def expand(self, text):
                for i, port in enumerate(ports):
                    text = text.replace("{port%d}" % i, str(port))
                return text

            def send_generated(self, response, headers):
                """A hostile response whose body is made while it is sent (see the docstring)."""
                headers.setdefault("Content-Type", "text/html; charset=utf-8")
                head_lines = []
                if "endless" in response:
                    body = endless(self.expand(response["endless"]).encode("utf-8"))
                elif "drip" in response:
                    data = self.expand(response["drip"]).encode("utf-8")
                    headers["Content-Length"] = str(len(data))
                    body = drip(data, response.get("interval", 1.0))
                elif "bomb" in response:
                    if response["bomb"] == "br":
                        encoder = brotli_or_none()
                        if encoder is None:
                            self.send_error(501, "libbrotlienc is not available")
                            return
                        body = encoder.bomb()
                    else:
                        body = gzip_bomb()
                    headers["Content-Encoding"] = response["bomb"]
                elif "urlset" in response:
                    base = "http://127.0.0.1:%d" % ports[site_index]
                    first = [self.expand(loc) for loc in response.get("first", [])]
                    body = urlset(response["urlset"], first, base)
                elif "index_chain" in response:
                    own = "http://127.0.0.1:%d%s" % (ports[site_index], self.path.rstrip("/"))
                    body = iter([(
                        "<?xml version='1.0'?><sitemapindex "
                        "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" +
                        "".join("<sitemap><loc>%s/%d</loc></sitemap>" % (own, i + 1)
                                for i in range(response["index_chain"])) +
                        "</sitemapindex>").encode("utf-8")])
                else:
                    count = response["header_lines"]
                    size = response.get("header_line_bytes", 1000)
                    numbers = itertools.count() if count == 0 else range(count)
                    head_lines = (("X-Filler-%d: %s\r\n" % (i, "x" * size)).encode("ascii")
                                  for i in numbers)
                    body = iter([b"<html><body>after the headers</body></html>"])
                head = "HTTP/1.1 %d %s\r\n" % (response.get("status", 200), "OK")
                head += "".join("%s: %s\r\n" % (k, self.expand(v)) for k, v in headers.items())
                head += "Connection: close\r\n"
                self.close_connection = True
                sent = 0
                ended = "complete"
                start = time.monotonic()
                try:
                    for chunk in itertools.chain([head.encode("latin-1")], head_lines, [b"\r\n"],
                                                 body):
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    ended = "client closed"
                finally:
                    with sites.lock, open(os.path.join(state, "streams.jsonl"), "a") as out:
                        out.write(json.dumps({
                            "site": site_index, "path": self.path, "sent": sent,
                            "seconds": time.monotonic() - start, "ended": ended}) + "\n")

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
