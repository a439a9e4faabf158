// Vigil search-as-you-type (optional: the page works without it). While the visitor types, the
// results list and the count follow the query, from the JSON output of the same CGI; pressing
// Enter (or any link) loads the full page with its facets, timeline and pages.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var form = input && input.form;
  var list = document.querySelector("ol.results");
  var count = document.getElementById("count");
  if (!input || !form || !window.fetch || !window.URLSearchParams) return;
  var timer = null;
  var latest = 0;

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // snippet_html holds escaped text and <mark> tags only; rebuild it from text nodes and marks.
  function marked(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") into.appendChild(element("mark", "", node.textContent));
      else into.appendChild(document.createTextNode(node.textContent));
    });
  }

  function show(data) {
    if (!list) {
      list = element("ol", "results");
      count.insertAdjacentElement("afterend", list);
    }
    list.textContent = "";
    list.setAttribute("start", String((data.page - 1) * data.per_page + 1));
    data.results.forEach(function (hit) {
      var item = element("li", "result");
      var heading = element("h2", "title");
      var title = document.createElement(/^https?:\/\//i.test(hit.url || "") ? "a" : "span");
      if (title.nodeName === "A") title.href = hit.url;
      title.dir = "auto";
      marked(hit.title_html || "Untitled article", title);
      heading.appendChild(title);
      item.appendChild(heading);
      var meta = [hit.source, hit.date].filter(Boolean).join(" · ");
      if (meta) item.appendChild(element("p", "meta", meta));
      var snippet = element("p", "snippet");
      snippet.dir = "auto";
      marked(hit.snippet_html || "", snippet);
      item.appendChild(snippet);
      list.appendChild(item);
    });
    var words = data.total === 1 ? " article" : " articles";
    count.textContent = (data.exact ? "" : "About ") + data.total.toLocaleString("en") + words;
    document.body.classList.add("live");
  }

  function update() {
    var params = new URLSearchParams(new FormData(form));
    if (!params.get("q")) return;
    params.set("format", "json");
    var ticket = ++latest;
    fetch(form.action + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && ticket === latest) show(data); })
      .catch(function () { /* the full page still works: press Enter */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
})();
