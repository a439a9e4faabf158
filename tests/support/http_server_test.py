#!/usr/bin/env python3
"""Tests of the crawler tests' HTTP server (tests/support/http_server.py): conditional requests
(ETag / Last-Modified and 304), reloading SITES.json between requests on the same ports, and the
status in requests.jsonl. Standard library only; the server listens on 127.0.0.1.

    http_server_test.py
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "http_server.py")
DATE1 = "Tue, 03 Jun 2021 10:00:00 GMT"
DATE2 = "Wed, 04 Jun 2021 10:00:00 GMT"


class Server:
    """The server on a SITES document, in a temporary directory."""

    def __init__(self, sites):
        self.dir = tempfile.TemporaryDirectory()
        self.sites = os.path.join(self.dir.name, "sites.json")
        self.write(sites, rename=False)
        self.process = subprocess.Popen([sys.executable, "-B", SERVER, self.sites, self.dir.name])
        ports = os.path.join(self.dir.name, "ports")
        deadline = time.monotonic() + 10
        while not os.path.exists(ports):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        with open(ports) as f:
            self.ports = [int(line) for line in f]

    def write(self, sites, rename=True):
        """Replaces SITES.json, renamed over the old file as the C++ helper does."""
        target = self.sites + ".next" if rename else self.sites
        with open(target, "w", encoding="utf-8") as f:
            json.dump(sites, f)
        if rename:
            os.rename(target, self.sites)

    def get(self, path, site=0, headers=None):
        """(status, headers, body) of one GET."""
        connection = http.client.HTTPConnection("127.0.0.1", self.ports[site], timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), body

    def log(self):
        with open(os.path.join(self.dir.name, "requests.jsonl"), encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def close(self):
        self.process.kill()
        self.process.wait()
        self.dir.cleanup()


def page(body, **more):
    response = {"body": body}
    response.update(more)
    return response


class ConditionalRequests(unittest.TestCase):
    def setUp(self):
        self.server = Server([{"routes": {
            "/both": page("v1", etag='"v1"', last_modified=DATE1),
            "/etag": page("e", etag='W/"e1"'),
            "/date": page("d", last_modified=DATE1),
            "/plain": page("p"),
            "/gone": page("x", status=404, etag='"g"'),
        }}])

    def tearDown(self):
        self.server.close()

    def test_sends_validators(self):
        status, headers, body = self.server.get("/both")
        self.assertEqual((status, body), (200, b"v1"))
        self.assertEqual(headers["ETag"], '"v1"')
        self.assertEqual(headers["Last-Modified"], DATE1)
        self.assertNotIn("ETag", self.server.get("/plain")[1])

    def test_if_none_match(self):
        status, headers, body = self.server.get("/both", headers={"If-None-Match": '"v1"'})
        self.assertEqual((status, body), (304, b""))
        self.assertEqual(headers["ETag"], '"v1"')
        self.assertEqual(self.server.get("/both", headers={"If-None-Match": '"v0"'})[0], 200)
        self.assertEqual(self.server.get("/both", headers={"If-None-Match": '"a", "v1"'})[0], 304)
        self.assertEqual(self.server.get("/both", headers={"If-None-Match": "*"})[0], 304)
        # Weak comparison, either side.
        self.assertEqual(self.server.get("/etag", headers={"If-None-Match": '"e1"'})[0], 304)
        self.assertEqual(self.server.get("/both", headers={"If-None-Match": 'W/"v1"'})[0], 304)
        self.assertEqual(self.server.get("/plain", headers={"If-None-Match": '"p"'})[0], 200)

    def test_if_modified_since(self):
        self.assertEqual(self.server.get("/date", headers={"If-Modified-Since": DATE1})[0], 304)
        self.assertEqual(self.server.get("/date", headers={"If-Modified-Since": DATE2})[0], 200)
        # If-None-Match, when present, decides alone.
        self.assertEqual(self.server.get(
            "/both", headers={"If-None-Match": '"v0"', "If-Modified-Since": DATE1})[0], 200)

    def test_only_200_is_conditional(self):
        self.assertEqual(self.server.get("/gone", headers={"If-None-Match": '"g"'})[0], 404)

    def test_logs_the_status_sent(self):
        self.server.get("/both", headers={"If-None-Match": '"v1"'})
        self.server.get("/both")
        self.server.get("/missing")
        log = self.server.log()
        self.assertEqual([(r["path"], r["status"]) for r in log],
                         [("/both", 304), ("/both", 200), ("/missing", 404)])
        self.assertEqual(log[0]["headers"]["if-none-match"], '"v1"')

    def test_keep_alive_after_304(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.ports[0], timeout=10)
        connection.request("GET", "/both", headers={"If-None-Match": '"v1"'})
        first = connection.getresponse()
        first.read()
        connection.request("GET", "/plain")
        second = connection.getresponse()
        self.assertEqual((first.status, second.status, second.read()), (304, 200, b"p"))
        connection.close()


class Reloading(unittest.TestCase):
    def setUp(self):
        self.server = Server([
            {"routes": {"/a": page("one", etag='"1"'), "/s": {"sequence": [page("s1"), page("s2")]}}},
            {"routes": {"/b": page("other site")}}])

    def tearDown(self):
        self.server.close()

    def test_routes_change_on_the_same_ports(self):
        ports = list(self.server.ports)
        self.assertEqual(self.server.get("/a")[2], b"one")
        self.server.write([{"routes": {"/a": page("two", etag='"2"'), "/new": page("new")}},
                           {"routes": {"/b": page("other site, changed")}}])
        status, headers, body = self.server.get("/a", headers={"If-None-Match": '"1"'})
        self.assertEqual((status, headers["ETag"], body), (200, '"2"', b"two"))
        self.assertEqual(self.server.get("/new")[2], b"new")
        self.assertEqual(self.server.get("/b", site=1)[2], b"other site, changed")
        self.assertEqual(self.server.ports, ports)

    def test_quick_successive_replacements(self):
        for i in range(5):  # faster than the file system's time stamps may tick
            self.server.write([{"routes": {"/a": page("v%d" % i)}}, {"routes": {}}])
            self.assertEqual(self.server.get("/a")[2], b"v%d" % i)

    def test_sequences_start_again(self):
        self.assertEqual(self.server.get("/s")[2], b"s1")
        self.assertEqual(self.server.get("/s")[2], b"s2")
        self.server.write([{"routes": {"/s": {"sequence": [page("t1"), page("t2")]}}}])
        self.assertEqual(self.server.get("/s")[2], b"t1")

    def test_removed_routes_and_sites(self):
        self.server.write([{"routes": {}}])  # the second site left out
        self.assertEqual(self.server.get("/a")[0], 404)
        self.assertEqual(self.server.get("/b", site=1)[0], 404)

    def test_a_broken_file_keeps_the_routes(self):
        with open(self.server.sites + ".next", "w") as f:
            f.write("[{")
        os.rename(self.server.sites + ".next", self.server.sites)
        self.assertEqual(self.server.get("/a")[2], b"one")
        self.server.write([{"routes": {"/a": page("fixed")}}])
        self.assertEqual(self.server.get("/a")[2], b"fixed")


if __name__ == "__main__":
    unittest.main(verbosity=1)
