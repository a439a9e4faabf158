#!/usr/bin/env python3
"""A static news site built from the shared corpora, for scripts/bench/update.sh (standard
library only).

    update_site.py build  --shared DIR --site DIR --base-url URL [--pages N] [--reserve N]
                          [--text FILE]
    update_site.py change --site DIR [--changed N] [--added N] [--removed N] [--seed S]

build: writes one HTML page per article into --site (the document root): the news corpus's
articles with a body (19,156), then UN General Debate speeches (2010-2024) when more are needed,
N pages in all (default 20,000) plus --reserve (default 20) held back for `change` to publish.
Each page has a realistic template: a header with navigation, an <article> with og:type article,
schema.org NewsArticle JSON-LD, a canonical link, a byline and <time>, the text in paragraphs, a
list of related articles and a footer. Also /index.html (the 50 latest articles), one index page
per section (its 50 latest), /robots.txt (everything allowed) and /sitemap.xml (every article
with its <lastmod>). Every link leads to a page that exists. The pages' list is kept in
--site/../site-state.json, outside the document root. --text FILE also writes the text each
published article page was built from, as JSON Lines (url, title, text: its paragraphs separated
by blank lines), the input of engines that take extracted text (scripts/bench/compare.sh).

change: edits --changed published articles (a correction paragraph appended and the modification
date moved to today: a new size and mtime, so a new ETag and Last-Modified), publishes --added
reserved articles, deletes --removed articles (their URLs then answer 404), and rewrites the
sitemap, the home page and the section pages to match. The choice is random but repeatable
(--seed). Prints what it did as "changed N, added N, removed N".

Nothing is written outside --site and the state file; the shared data is only read.
"""

import argparse
import datetime
import gzip
import html
import json
import os
import random
import re
import sys

SITE_NAME = "Rights Monitor"
SECTIONS = ["world", "africa", "americas", "asia", "europe", "middle-east", "business",
            "united-nations"]
LATEST = 50  # links on the home page and on each section page
RELATED = 5  # related links on each article


def fail(message):
    print("update_site.py: error: " + message, file=sys.stderr)
    sys.exit(1)


def slug(text, limit=60):
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "article"


def paragraphs(body):
    """The text's paragraphs: blank lines or indented lines start one; wrapped lines are joined."""
    parts = re.split(r"\n\s*\n|\n(?=[ \t]{2,})", body.strip())
    out = []
    for part in parts:
        text = " ".join(part.split())
        if text:
            out.append(text)
    return out


def read_articles(shared, wanted):
    """Up to `wanted` articles: (id, title, date, source, section, body), news first."""
    articles = []
    news = os.path.join(shared, "data", "news_corpus", "articles.jsonl.gz")
    if not os.path.isfile(news):
        fail("no news corpus at %s (is --shared the shared folder?)" % news)
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            body = (doc.get("body") or "").strip()
            if not body:
                continue
            title = (doc.get("title") or "").strip()
            if not title:  # TimeBank articles have none: their first words
                title = " ".join(body.split()[:10])
            if title.isupper():  # Reuters titles are upper case
                title = title.title()
            topics = (doc.get("gold") or {}).get("topics") or []
            section = "business" if doc.get("dataset") == "reuters21578" or "business" in topics \
                else SECTIONS[len(articles) % 6]
            articles.append((doc["id"], title, doc.get("date"), doc.get("source") or "Staff",
                             section, body))
            if len(articles) == wanted:
                return articles
    speeches = os.path.join(shared, "data", "un_general_debates", "speeches_2010-2024.jsonl.gz")
    with gzip.open(speeches, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            articles.append((doc["id"], doc["title"], doc.get("date"), "United Nations",
                             "united-nations", doc["body"]))
            if len(articles) == wanted:
                return articles
    fail("the corpora hold %d usable articles, fewer than the %d asked for" %
         (len(articles), wanted))
    return articles


def iso_date(date):
    """(YYYY-MM-DD, full ISO timestamp) of a corpus date, or a fixed date when there is none."""
    if not date:
        return "2005-01-01", "2005-01-01T00:00:00Z"
    day = date[:10]
    if len(day) == 4:
        day += "-01-01"
    elif len(day) == 7:
        day += "-01"
    return day, day + "T" + (date[11:19] if len(date) >= 19 else "09:00:00") + "Z"


def path_of(article):
    ident, title, date = article[0], article[1], article[2]
    day, _ = iso_date(date)
    return "/news/%s/%s-%s.html" % (day.replace("-", "/"), slug(title), slug(ident, 40))


def header_nav():
    return "".join('<li><a href="/section/%s/">%s</a></li>' % (s, s.replace("-", " ").title())
                   for s in SECTIONS)


def render_article(site, entry, related, corrections):
    base = site["base_url"]
    title = html.escape(entry["title"])
    day, stamp = iso_date(entry["date"])
    modified = entry.get("modified") or stamp
    text = paragraphs(entry["body"])
    description = html.escape(" ".join(entry["body"].split())[:160])
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": entry["title"],
        "datePublished": stamp, "dateModified": modified,
        "author": {"@type": "Organization", "name": entry["source"]},
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "mainEntityOfPage": base + entry["path"]}).replace("</", "<\\/")
    body = "\n".join("<p>%s</p>" % html.escape(p) for p in text)
    for correction in corrections:
        body += '\n<p class="correction"><strong>Correction:</strong> %s</p>' % html.escape(
            correction)
    related_html = "\n".join('<li><a href="%s">%s</a></li>' % (r["path"], html.escape(r["title"]))
                             for r in related)
    section = entry["section"]
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {site_name}</title>
<meta name="description" content="{description}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{site_name}">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{stamp}">
<meta property="article:modified_time" content="{modified}">
<meta property="article:section" content="{section_name}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/assets/site.css">
<script type="application/ld+json">{ld}</script>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="site-header">
<a class="logo" href="/">{site_name}</a>
<nav aria-label="Sections"><ul>{nav}</ul></nav>
<form class="search" action="/search" method="get" role="search">
<label for="q">Search</label> <input id="q" name="q" type="search"> <button>Go</button>
</form>
</header>
<main id="content">
<article class="story">
<p class="kicker"><a href="/section/{section}/">{section_name}</a></p>
<h1>{title}</h1>
<p class="byline">By <span class="author">{source}</span>
 &middot; <time datetime="{stamp}">{day}</time></p>
<div class="story-body">
{body}
</div>
</article>
<aside class="share" aria-label="Share">
<span>Share this article:</span> <button type="button">Email</button>
<button type="button">Copy link</button> <button type="button">Print</button>
</aside>
<aside class="related" aria-labelledby="related-title">
<h2 id="related-title">Related reporting</h2>
<ul>
{related}
</ul>
</aside>
</main>
<footer class="site-footer">
<p>{site_name} documents human-rights abuses from public reporting. Articles are republished for
research; rights remain with their authors.</p>
<p><a href="/">Home</a> &middot; <a href="/section/world/">World</a> &middot;
<a href="/section/united-nations/">United Nations</a></p>
<p>&copy; {site_name}. Text may be quoted with attribution.</p>
</footer>
</body>
</html>
""".format(title=title, site_name=SITE_NAME, description=description, url=base + entry["path"],
           stamp=stamp, modified=modified, section=section,
           section_name=section.replace("-", " ").title(), ld=ld, nav=header_nav(),
           source=html.escape(entry["source"]), day=day, body=body, related=related_html)


def render_list(site, title, entries):
    items = "\n".join('<li><a href="%s">%s</a> <time>%s</time></li>' % (
        e["path"], html.escape(e["title"]), iso_date(e["date"])[0]) for e in entries)
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title} | {site_name}</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body>
<header class="site-header"><a class="logo" href="/">{site_name}</a>
<nav aria-label="Sections"><ul>{nav}</ul></nav></header>
<main><h1>{title}</h1>
<ul class="latest">
{items}
</ul></main>
<footer class="site-footer"><p>&copy; {site_name}</p></footer>
</body>
</html>
""".format(title=html.escape(title), site_name=SITE_NAME, nav=header_nav(), items=items)


def write(root, path, text):
    target = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)


def related_of(site, index, published):
    """RELATED published articles (`published`: a set of indexes) spread through the site, the
    same for every rendering of the page while they stay published."""
    entries = site["entries"]
    out = []
    step = 1
    while len(out) < RELATED and step < len(entries):
        other = (index + step * 37) % len(entries)
        if other != index and other in published:
            out.append(entries[other])
        step += 1
    return out


def write_article(site, index, published):
    entry = site["entries"][index]
    write(site["root"], entry["path"], render_article(site, entry, related_of(site, index, published),
                                                      entry.get("corrections", [])))


def write_lists(site):
    """The sitemap, the home page and the section pages, for the published articles."""
    entries = [site["entries"][i] for i in site["published"]]
    newest = sorted(entries, key=lambda e: iso_date(e["date"])[1], reverse=True)
    write(site["root"], "/index.html", render_list(site, SITE_NAME + ": latest", newest[:LATEST]))
    for section in SECTIONS:
        in_section = [e for e in newest if e["section"] == section][:LATEST]
        write(site["root"], "/section/%s/index.html" % section,
              render_list(site, section.replace("-", " ").title(), in_section))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for e in entries:
        lastmod = e.get("modified") or iso_date(e["date"])[1]
        lines.append("<url><loc>%s%s</loc><lastmod>%s</lastmod></url>" % (
            site["base_url"], html.escape(e["path"]), lastmod))
    lines.append("</urlset>\n")
    write(site["root"], "/sitemap.xml.tmp", "\n".join(lines))
    os.replace(os.path.join(site["root"], "sitemap.xml.tmp"),
               os.path.join(site["root"], "sitemap.xml"))


def write_text(site, path):
    """One JSON line per published article: its URL, title and the text of its paragraphs."""
    with open(path, "w", encoding="utf-8") as f:
        for i in site["published"]:
            entry = site["entries"][i]
            f.write(json.dumps({"url": site["base_url"] + entry["path"], "title": entry["title"],
                                "text": "\n\n".join(paragraphs(entry["body"]))},
                               ensure_ascii=False) + "\n")


def state_path(root):
    return os.path.join(os.path.dirname(os.path.abspath(root)), "site-state.json")


def build(args):
    if os.path.exists(args.site) and os.listdir(args.site):
        fail("--site %s is not empty" % args.site)
    articles = read_articles(args.shared, args.pages + args.reserve)
    entries = []
    seen = set()
    for a in articles:
        entry = {"id": a[0], "title": a[1], "date": a[2], "source": a[3], "section": a[4],
                 "body": a[5]}
        entry["path"] = path_of(a)
        if entry["path"] in seen:
            fail("two articles at %s" % entry["path"])
        seen.add(entry["path"])
        entries.append(entry)
    site = {"root": args.site, "base_url": args.base_url.rstrip("/"), "entries": entries,
            "published": list(range(args.pages)), "reserved": list(range(args.pages, len(entries)))}
    published = set(site["published"])
    for i in site["published"]:
        write_article(site, i, published)
    if args.text:
        write_text(site, args.text)
    write_lists(site)
    write(args.site, "/robots.txt", "User-agent: *\nDisallow:\n\nSitemap: %s/sitemap.xml\n" %
          site["base_url"])
    write(args.site, "/assets/site.css", "body { font-family: serif; max-width: 44rem; }\n")
    with open(state_path(args.site), "w", encoding="utf-8") as f:
        json.dump(site, f)
    size = sum(os.path.getsize(os.path.join(d, name)) for d, _, names in os.walk(args.site)
               for name in names)
    print("pages %d, reserved %d, bytes %d" % (len(site["published"]), len(site["reserved"]), size))


def change(args):
    with open(state_path(args.site), encoding="utf-8") as f:
        site = json.load(f)
    site["root"] = args.site
    rng = random.Random(args.seed)
    if args.changed + args.removed > len(site["published"]) or args.added > len(site["reserved"]):
        fail("not enough pages for these changes")
    picked = rng.sample(site["published"], args.changed + args.removed)
    changed, removed = picked[:args.changed], picked[args.changed:]
    added = site["reserved"][:args.added]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for i in removed:
        os.remove(os.path.join(args.site, site["entries"][i]["path"].lstrip("/")))
    gone = set(removed)
    site["published"] = [i for i in site["published"] if i not in gone] + added
    site["reserved"] = site["reserved"][args.added:]
    published = set(site["published"])
    for i in changed:
        entry = site["entries"][i]
        entry["modified"] = now
        entry.setdefault("corrections", []).append(
            "An earlier version of this article misstated a date. It was corrected on %s." %
            now[:10])
    for i in changed + added:
        write_article(site, i, published)
    write_lists(site)
    with open(state_path(args.site), "w", encoding="utf-8") as f:
        json.dump(site, f)
    print("changed %d, added %d, removed %d" % (len(changed), len(added), len(removed)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build")
    b.add_argument("--shared", required=True)
    b.add_argument("--site", required=True)
    b.add_argument("--base-url", required=True)
    b.add_argument("--pages", type=int, default=20000)
    b.add_argument("--reserve", type=int, default=20)
    b.add_argument("--text", metavar="FILE")
    c = commands.add_parser("change")
    c.add_argument("--site", required=True)
    c.add_argument("--changed", type=int, default=200)
    c.add_argument("--added", type=int, default=20)
    c.add_argument("--removed", type=int, default=20)
    c.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    build(args) if args.command == "build" else change(args)


if __name__ == "__main__":
    main()
