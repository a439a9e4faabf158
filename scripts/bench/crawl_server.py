#!/usr/bin/env python3
"""Synthetic news sites on 127.0.0.1 for scripts/bench/crawl.sh (standard library only).

    crawl_server.py --sites H --pages P --ports-file FILE --log FILE --stats FILE

Serves H sites, each on its own port (chosen by the OS), all bound to 127.0.0.1 only. Each site has
/robots.txt (everything allowed, no Crawl-delay), / (an index page linking to its P articles) and
/a/1.html .. /a/P.html (articles of 5-10 KB: navigation, an <article> with og:type article,
JSON-LD, a byline and paragraphs of generated text, related links and a footer). Every page is
rendered once at start-up from a seeded random generator, so runs are repeatable, and served from
memory, gzip-compressed when the client accepts it (as news sites do). HTTP/1.1 with keep-alive,
on one asyncio event loop rather than http.server's thread per connection (1-3k requests/s): about
0.07 ms of CPU per request here, over 10,000 requests per second on one core, so the server is not
what limits a crawl on loopback (crawl.sh reports its share of a core).

When every port listens, their numbers go to --ports-file, one a line, in site order (written to a
temporary name and renamed, so a reader never sees half a file). On SIGTERM or SIGINT the server
stops, writes every request to --log (site, start and end in monotonic ns, status, path) and a
summary to --stats as "key value" lines, then exits 0.
"""

import argparse
import asyncio
import gzip
import json
import os
import random
import signal
import socket
import sys
import time

HOST = "127.0.0.1"  # loopback only, never another address
MAX_HEADER_BYTES = 65536

# Words for the generated text: a human-rights news vocabulary written for this benchmark.
WORDS = """
abuse access accountability activist activists administration advocacy affected agency aid
alleged allegations amnesty appeal arbitrary archive arrest arrested assembly asylum attack
authorities ban border brutality camp campaign censorship charges children citizens civil
civilians claims coalition commission committee community complaint conditions conflict
constitution convention council court courts crackdown crimes crisis custody damage dead
death decision declaration defenders demands democracy denied deported detained detainees
detention dignity disappeared discrimination displaced dissent documented donors drought
education election elections emergency equality evidence evictions exile expression
fair families famine fear federal food forced freedom funding government groups guards health
hearing homes hospital housing humanitarian hunger identity impunity independent indigenous
inquiry international interviews investigation journalists judge judges justice killings
labour land law lawyer lawyers leaders legal liberty local march media migrants military
minority mission monitors movement national negotiations network observers office officials
opposition order organisation parliament participants peace peaceful people petition police
policy political prison prisoners process prosecutors protection protest protesters public
punishment questions records reform refugees region release relief religious report reporters
repression rescue residents resolution responsibility restrictions rights rule safety sanctions
schools security sentence services shelter sources speech statement status strike students
support survivors suspects testimony threats torture trade trial tribunal truth union unlawful
victims village violations violence voices volunteers vote water witnesses women workers youth
across after against ahead already also among before behind between beyond despite during
since through toward under until without while within again however meanwhile nevertheless
said says told asked called warned urged reported confirmed denied published announced
described recorded received returned rejected reviewed signed visited welcomed
new several many few most recent former senior regional northern southern eastern western
central rural urban local foreign official independent large small early late long short
""".split()

PLACES = """Geneva Nairobi Lima Jakarta Dakar Manila Bogota Tunis Kampala Quito Amman Dhaka
Harare Lusaka Caracas Minsk Yangon Kabul Khartoum Tbilisi""".split()
FIRST_NAMES = """Amina Bruno Chen Dalia Emeka Farah Gustavo Hana Ivan Jamila Kofi Lena Mateo
Nadia Omar Priya Rosa Samir Tomas Yara""".split()
LAST_NAMES = """Abadi Baptiste Castillo Diallo Esposito Fernandes Gashi Haddad Ivanova Jensen
Kamau Lindqvist Mensah Novak Okafor Petrov Quispe Rahman Santos Tanaka""".split()
SECTIONS = ["World", "Africa", "Americas", "Asia", "Europe", "Middle East", "Analysis", "Reports"]


def sentence(rng, low=8, high=20):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), "in " + rng.choice(PLACES))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    ending = rng.random()
    if ending < 0.15:
        return f'"{text}," {rng.choice(["a witness", "a lawyer", "an official"])} said.'
    return text + ("?" if ending < 0.2 else ".")


def title_of(site, page):
    rng = random.Random(f"title:{site}:{page}")
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))
    return f"{text[0].upper()}{text[1:]} in {rng.choice(PLACES)}"


def esc(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def page_head(site, page_title, og_type, description, canonical, extra=""):
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(page_title)} - Loopback Monitor {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(description)}">
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="{esc(page_title)}">
<meta property="og:site_name" content="Loopback Monitor {site}">
<link rel="canonical" href="{canonical}">
<link rel="stylesheet" href="/static/site.css">
{extra}</head>
<body>
<header class="site-header">
<a class="logo" href="/">Loopback Monitor {site}</a>
<nav class="main-nav"><ul>
{"".join(f'<li><a href="/#{s.lower().replace(" ", "-")}">{s}</a></li>' for s in SECTIONS)}
</ul></nav>
</header>
"""


FOOTER = """<footer class="site-footer">
<p>Loopback Monitor is a synthetic site for benchmarks. Reports are generated text.</p>
<ul><li><a href="/">Home</a></li><li><a href="/#about">About</a></li>
<li><a href="/#contact">Contact</a></li></ul>
</footer>
</body>
</html>
"""


def article_page(base, site, page, pages):
    rng = random.Random(f"article:{site}:{page}")
    title = title_of(site, page)
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    section = rng.choice(SECTIONS)
    lead = sentence(rng, 14, 24)
    url = f"{base}/a/{page}.html"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"{date}T08:00:00Z",
                     "author": {"@type": "Person", "name": author},
                     "articleSection": section, "url": url})
    extra = (f'<meta property="article:published_time" content="{date}T08:00:00Z">\n'
             f'<meta name="author" content="{author}">\n'
             f'<script type="application/ld+json">{ld}</script>\n')
    paragraphs = []
    for _ in range(rng.randint(6, 10)):
        sentences = (sentence(rng) for _ in range(rng.randint(3, 6)))
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    related = rng.sample([p for p in range(1, pages + 1) if p != page], min(3, pages - 1))
    related_html = "".join(f'<li><a href="/a/{r}.html">{esc(title_of(site, r))}</a></li>'
                           for r in related)
    return (page_head(site, title, "article", lead, url, extra) + f"""<main>
<article class="story">
<h1>{esc(title)}</h1>
<p class="byline">By <span class="author">{author}</span>,
<time datetime="{date}T08:00:00Z">{date}</time> in {section}</p>
<p class="lead">{esc(lead)}</p>
{chr(10).join(paragraphs)}
</article>
<aside class="related"><h2>Related</h2><ul>{related_html}</ul></aside>
<div class="share"><a href="/#share">Share</a> <a href="/#print">Print</a></div>
</main>
""" + FOOTER)


def index_page(base, site, pages):
    items = "\n".join(f'<li><a href="/a/{p}.html">{esc(title_of(site, p))}</a></li>'
                      for p in range(1, pages + 1))
    top = page_head(site, "Latest reports", "website", "The latest reports.", f"{base}/")
    return (top + f"""<main>
<h1>Latest reports</h1>
<ul class="story-list">
{items}
</ul>
</main>
""" + FOOTER)


class Site:
    """One site's responses, rendered once: path -> (status, content type, body, gzip body)."""

    def __init__(self, number, port, pages):
        base = f"http://{HOST}:{port}"
        self.number = number
        self.routes = {}
        self.add("/robots.txt", 200, "text/plain; charset=utf-8", "User-agent: *\nAllow: /\n")
        self.add("/", 200, "text/html; charset=utf-8", index_page(base, number, pages))
        for page in range(1, pages + 1):
            self.add(f"/a/{page}.html", 200, "text/html; charset=utf-8",
                     article_page(base, number, page, pages))
        not_found = "<!DOCTYPE html><html><head><title>Not found</title></head>" \
                    "<body><h1>Not found</h1></body></html>\n"
        self.not_found = self.response(404, "text/html; charset=utf-8", not_found)

    @staticmethod
    def response(status, content_type, text):
        body = text.encode()
        reason = {200: "OK", 404: "Not Found"}[status]
        head = (f"HTTP/1.1 {status} {reason}\r\nServer: vigil-crawl-bench\r\n"
                f"Content-Type: {content_type}\r\n")
        plain = (head + f"Content-Length: {len(body)}\r\n").encode()
        packed = gzip.compress(body, 6, mtime=0)
        zipped = (head + f"Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
                  f"Content-Length: {len(packed)}\r\n").encode()
        return status, (plain, body), (zipped, packed)

    def add(self, path, status, content_type, text):
        self.routes[path] = self.response(status, content_type, text)


class Recorder:
    """Every request (site; when it was read and when its answer was handed to the kernel, in
    monotonic ns; status; path) and the server's CPU time from the first request to the end of the
    latest, so that rendering the pages at start-up is not counted."""

    def __init__(self):
        self.log = []
        self.connections = 0
        self.first_cpu = None
        self.last_cpu = None

    def begin(self):
        if self.first_cpu is None:
            self.first_cpu = time.process_time()
        return time.monotonic_ns()

    def end(self, site, start, status, path):
        self.log.append((site, start, time.monotonic_ns(), status, path))
        self.last_cpu = time.process_time()

    def cpu_seconds(self):
        return 0.0 if self.first_cpu is None else self.last_cpu - self.first_cpu


class Connection(asyncio.Protocol):
    """One client connection: HTTP/1.1 GET and HEAD, keep-alive, no request bodies."""

    def __init__(self, site, recorder):
        self.site = site
        self.recorder = recorder
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        self.recorder.connections += 1

    def data_received(self, data):
        self.buffer += data
        while self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEADER_BYTES:
                    self.transport.close()
                    self.transport = None
                return
            request, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            self.answer(request)

    def answer(self, request):
        start = self.recorder.begin()
        lines = request.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3:
            self.transport.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                                 b"Connection: close\r\n\r\n")
            self.transport.close()
            self.transport = None
            return
        method, target, version = parts
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        connection = headers.get("connection", "")
        keep = ("close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection)
        path = target.split("?", 1)[0].split("#", 1)[0]
        status, plain, zipped = self.site.routes.get(path, self.site.not_found)
        head, body = zipped if "gzip" in headers.get("accept-encoding", "") else plain
        tail = b"\r\n" if keep else b"Connection: close\r\n\r\n"
        self.transport.write(head + tail + (b"" if method == "HEAD" else body))
        self.recorder.end(self.site.number, start, status, path)
        if not keep:
            self.transport.close()
            self.transport = None

    def connection_lost(self, exc):
        self.transport = None


def summarise(recorder, sites):
    """Totals and per-site politeness figures from the request log; article sizes."""
    log = recorder.log
    by_site = {}
    for number, start, end, _, _ in log:
        by_site.setdefault(number, []).append((start, end))
    gaps, idle = [], []
    max_in_flight = 0
    for times in by_site.values():
        times.sort()
        for (start0, end0), (start1, _) in zip(times, times[1:]):
            gaps.append(start1 - start0)
            idle.append(start1 - end0)
        events = sorted([(s, 1) for s, _ in times] + [(e, -1) for _, e in times],
                        key=lambda ev: (ev[0], ev[1]))
        level = 0
        for _, step in events:
            level += step
            max_in_flight = max(max_in_flight, level)
    ms = 1e-6
    starts = [entry[1] for entry in log]
    articles = [route for site in sites for path, route in site.routes.items()
                if path.startswith("/a/")]
    return {
        "sites": len(sites),
        "sites_contacted": len(by_site),
        "requests": len(log),
        "connections": recorder.connections,
        "not_found": sum(1 for entry in log if entry[3] == 404),
        "server_cpu_s": recorder.cpu_seconds(),
        "span_s": (max(starts) - min(starts)) * 1e-9 if starts else 0,
        "min_gap_ms": min(gaps) * ms if gaps else -1,
        "mean_gap_ms": sum(gaps) / len(gaps) * ms if gaps else -1,
        "min_idle_ms": min(idle) * ms if idle else -1,
        "max_in_flight_per_site": max_in_flight,
        "article_kb": sum(len(r[1][1]) for r in articles) / len(articles) / 1024,
        "article_gzip_kb": sum(len(r[2][1]) for r in articles) / len(articles) / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, required=True)
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--ports-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--stats", required=True)
    args = parser.parse_args()
    if args.sites < 1 or args.pages < 1:
        parser.error("--sites and --pages must be at least 1")

    loop = asyncio.new_event_loop()
    recorder = Recorder()
    servers = []
    for number in range(1, args.sites + 1):
        # Bind first (port 0: the OS picks), then render: the pages hold their own address.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
        site = Site(number, port, args.pages)
        server = loop.run_until_complete(loop.create_server(
            lambda site=site: Connection(site, recorder), sock=sock, backlog=128))
        servers.append((server, port, site))
    with open(args.ports_file + ".tmp", "w", encoding="ascii") as out:
        out.write("".join(f"{port}\n" for _, port, _ in servers))
    os.replace(args.ports_file + ".tmp", args.ports_file)

    stopping = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    loop.run_until_complete(stopping.wait())
    for server, _, _ in servers:
        server.close()

    with open(args.log, "w", encoding="utf-8") as out:
        for number, start, end, status, path in recorder.log:
            out.write(f"{number}\t{start}\t{end}\t{status}\t{path}\n")
    with open(args.stats, "w", encoding="utf-8") as out:
        for key, value in summarise(recorder, [site for _, _, site in servers]).items():
            out.write(f"{key} {value:.3f}\n" if isinstance(value, float) else f"{key} {value}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
