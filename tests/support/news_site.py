#!/usr/bin/env python3
"""Builds a news site from the shared data for the crawler's end-to-end test. Standard library.

    news_site.py SHARED_DIR OUT_DIR

Writes OUT_DIR/articles/*.html (every article page of the site, for `vigil-index add`),
OUT_DIR/private/*.html, and OUT_DIR/sites.json for tests/support/http_server.py (one site; page
addresses are http://127.0.0.1:{port0}/...). Nothing from the shared data is stored elsewhere.

The site:
  articles/aeb-*.html     the 90 real pages of the article-extraction benchmark
  articles/rd-*.html      the 91 real Readability test pages
  articles/corpus-*.html  30 BBC news articles from the news corpus in a page template
  articles/latin.html     a page in windows-1252, declared only by the HTTP header
  articles/gbk.html       a page in GBK, declared only by <meta charset>
  /robots.txt             only the paths above allowed (so /private/ is not), Crawl-delay 0.02
  /sitemap.xml            a sitemap index -> /sitemap-aeb.xml.gz (gzip) listing the aeb pages
  /rss.xml, /atom.xml     an RSS 2.0 feed of half the rd pages, an Atom feed of the other half
  /                       the home page: links to the sections, /private/, duplicates with
                          tracking parameters and fragments, a 301 chain, a redirect loop,
                          404 and 410 links, a slow page, an oversized page
  /section/N.html         index pages listing the corpus pages
Behaviours: corpus-3 answers 500 then 200; corpus-4 answers 429 (Retry-After: 1) then 200;
corpus-2 is also linked as ?ref=home and names its canonical URL; /slow answers after 4 s;
/big is 2 MiB of HTML.
"""

import gzip
import io
import json
import os
import re
import sys
import tarfile

SITE = "http://127.0.0.1:{port0}"


def page(title, paragraphs, extra_head="", charset_meta="utf-8"):
    nav = "".join('<li><a href="/section/%d.html">Section %d</a></li>' % (i, i) for i in range(1, 4))
    body = "".join("<p>%s</p>" % p for p in paragraphs)
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"%s\"><title>%s | Vigil Test News"
            "</title><meta property=\"og:type\" content=\"article\">%s</head><body><header><nav><ul>%s"
            "</ul></nav></header><main><article><h1>%s</h1>%s</article></main><footer><p>Vigil Test"
            " News, a site built for tests.</p></footer></body></html>") % (
                charset_meta, title, extra_head, nav, title, body)


def main():
    shared, out = sys.argv[1], sys.argv[2]
    data = os.path.join(shared, "data")
    os.makedirs(os.path.join(out, "articles"), exist_ok=True)
    os.makedirs(os.path.join(out, "private"), exist_ok=True)
    routes = {}

    def serve(path, file_path, headers=None, **more):
        response = {"file": file_path}
        if headers:
            response["headers"] = headers
        response.update(more)
        routes[path] = response

    def write(relative, data_bytes):
        full = os.path.join(out, relative)
        with open(full, "wb") as f:
            f.write(data_bytes)
        return full

    aeb, rd, corpus = [], [], []
    aeb_dir = os.path.join(data, "article_extraction", "scrapinghub_aeb", "html")
    for name in sorted(os.listdir(aeb_dir)):
        if name.endswith(".html.gz"):
            page_id = name[:-len(".html.gz")]
            with gzip.open(os.path.join(aeb_dir, name), "rb") as f:
                path = "/articles/aeb-%s.html" % page_id
                serve(path, write("articles/aeb-%s.html" % page_id, f.read()))
                aeb.append(path)
    tar_path = os.path.join(data, "article_extraction", "readability_test_pages",
                            "test-pages.dev.tar.gz")
    with tarfile.open(tar_path, "r:gz") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            parts = member.name.split("/")
            if len(parts) == 3 and parts[2] == "source.html":
                path = "/articles/rd-%s.html" % parts[1]
                serve(path, write("articles/rd-%s.html" % parts[1], tar.extractfile(member).read()))
                rd.append(path)
    with gzip.open(os.path.join(data, "news_corpus", "articles.jsonl.gz"), "rt",
                   encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("dataset") != "bbc_news" or not record.get("body"):
                continue
            n = len(corpus) + 1
            paragraphs = [p for p in record["body"].split("\n") if p.strip()]
            extra = ""
            if n == 2:
                extra = '<link rel="canonical" href="/articles/corpus-2.html">'
            html = page(record["title"], paragraphs, extra)
            path = "/articles/corpus-%d.html" % n
            file_path = write("articles/corpus-%d.html" % n, html.encode("utf-8"))
            serve(path, file_path)
            corpus.append(path)
            if len(corpus) == 30:
                break
    # Behaviours on some corpus pages.
    routes["/articles/corpus-2.html?ref=home"] = dict(routes["/articles/corpus-2.html"])
    routes["/articles/corpus-3.html"] = {"sequence": [{"status": 500},
                                                      routes["/articles/corpus-3.html"]]}
    routes["/articles/corpus-4.html"] = {"sequence": [
        {"status": 429, "headers": {"Retry-After": "1"}}, routes["/articles/corpus-4.html"]]}
    # Charsets.
    latin = page("D\u00e9tenus \u00e0 Gen\u00e8ve", [
        "Les d\u00e9tenus \u00ab oubli\u00e9s \u00bb de Gen\u00e8ve ont t\u00e9moign\u00e9 "
        "devant le comit\u00e9, selon des avocats et des journalistes pr\u00e9sents \u2014 "
        "une audience rare." * 3], charset_meta="x-unknown")
    latin = latin.replace('<meta charset="x-unknown">', "")
    serve("/articles/latin.html", write("articles/latin.html", latin.encode("windows-1252")),
          {"Content-Type": "text/html; charset=windows-1252"})
    gbk = page("\u65b0\u7586\u62d8\u7559\u8425", [
        "\u8bb0\u8005\u5728\u65b0\u7586\u7ef4\u543e\u5c14\u81ea\u6cbb\u533a\u8bbf\u95ee\u4e86"
        "\u62d8\u7559\u8425\u7684\u524d\u88ab\u62d8\u7559\u8005\u548c\u4ed6\u4eec\u7684\u5bb6"
        "\u4eba\u3002" * 4], charset_meta="gbk")
    serve("/articles/gbk.html", write("articles/gbk.html", gbk.encode("gbk")),
          {"Content-Type": "text/html"})
    # Never to be fetched.
    serve("/private/secret.html",
          write("private/secret.html", page("Secret", ["Not for crawlers."]).encode("utf-8")))
    # Sections, home, feeds, sitemaps.
    def links(paths):
        return "".join('<li><a href="%s">%s</a></li>' % (p, p) for p in paths)

    sections = [corpus[0:10] + ["/articles/latin.html"], corpus[10:20] + ["/articles/gbk.html"],
                corpus[20:30]]
    for i, paths in enumerate(sections, start=1):
        html = "<html><head><title>Section %d</title></head><body><ul>%s</ul></body></html>" % (
            i, links(paths))
        serve("/section/%d.html" % i, write("section-%d.html" % i, html.encode("utf-8")))
    home_links = ["/section/1.html", "/section/2.html", "/section/3.html",
                  "/private/secret.html", "/articles/corpus-1.html?utm_source=home",
                  "/articles/corpus-1.html#comments", "/articles/corpus-2.html?ref=home",
                  "/old/1", "/loop/a", "/gone", "/missing", "/slow", "/big"]
    home = "<html><head><title>Vigil Test News</title></head><body><ul>%s</ul></body></html>" % (
        links(home_links))
    serve("/", write("home.html", home.encode("utf-8")))
    routes["/old/1"] = {"status": 301, "headers": {"Location": "/old/2"}}
    routes["/old/2"] = {"status": 301, "headers": {"Location": aeb[0]}}
    routes["/loop/a"] = {"status": 302, "headers": {"Location": "/loop/b"}}
    routes["/loop/b"] = {"status": 302, "headers": {"Location": "/loop/a"}}
    routes["/gone"] = {"status": 410}
    routes["/slow"] = {"delay": 4, "body": page("Slow", ["Too late."])}
    routes["/big"] = {"body": page("Big", ["x" * 1000] * 3000)}
    # Only the site's own paths: the real pages' links to their original sites' paths (relative
    # links, now on this host) are refused by robots.txt instead of answered with 404s.
    allowed = ["/$", "/articles/", "/section/", "/sitemap", "/rss.xml", "/atom.xml", "/old/",
               "/loop/", "/gone", "/missing", "/slow", "/big"]
    routes["/robots.txt"] = {
        "body": "User-agent: *\nDisallow: /\nDisallow: /private/\n%sCrawl-delay: 0.02\n" % "".join(
            "Allow: %s\n" % a for a in allowed),
        "headers": {"Content-Type": "text/plain"}}
    urlset = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/"
              "schemas/sitemap/0.9\">%s</urlset>") % "".join(
                  "<url><loc>%s</loc></url>" % p for p in aeb)  # relative: a file has no {port0}
    serve("/sitemap-aeb.xml.gz", write("sitemap-aeb.xml.gz", gzip.compress(urlset.encode())),
          {"Content-Type": "application/gzip"})
    routes["/sitemap.xml"] = {
        "body": ("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/"
                 "sitemap/0.9\"><sitemap><loc>%s/sitemap-aeb.xml.gz</loc></sitemap></sitemapindex>")
        % SITE, "headers": {"Content-Type": "application/xml"}}
    half = len(rd) // 2
    routes["/rss.xml"] = {
        "body": "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>%s</channel>"
                "</rss>" % "".join("<item><link>%s%s</link></item>" % (SITE, p) for p in rd[:half]),
        "headers": {"Content-Type": "application/rss+xml"}}
    routes["/atom.xml"] = {
        "body": "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                "%s</feed>" % "".join(
                    "<entry><link rel=\"alternate\" href=\"%s\"/></entry>" % p for p in rd[half:]),
        "headers": {"Content-Type": "application/atom+xml"}}
    with open(os.path.join(out, "sites.json"), "w", encoding="utf-8") as f:
        json.dump([{"routes": routes}], f)
    # Pages that ask robots not to index them (<meta name="robots" content="...noindex...">): a
    # crawl leaves them out, a local import does not.
    robots_meta = re.compile(rb"<meta[^>]*robots[^>]*>", re.IGNORECASE)
    with open(os.path.join(out, "noindex.txt"), "w", encoding="utf-8") as f:
        for name in sorted(os.listdir(os.path.join(out, "articles"))):
            with open(os.path.join(out, "articles", name), "rb") as page_file:
                tags = robots_meta.findall(page_file.read())
            if any(b"noindex" in tag.lower() for tag in tags):
                f.write(name + "\n")


if __name__ == "__main__":
    main()
