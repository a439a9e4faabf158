#pragma once
// Local import: expands the paths given to `vigil-index add` into input files and reads HTML
// files into Articles (JSON Lines files are read by extract::read_jsonl).

#include <cstddef>
#include <string>
#include <vector>

#include "article/article.h"
#include "vigil/result.h"

namespace vigil::indexer {

enum class InputKind { kHtml, kJsonl };

struct InputFile {
  std::string path;
  InputKind kind = InputKind::kHtml;
};

struct InputSet {
  std::vector<InputFile> files;  // in a stable order: as given, directories sorted by path
  std::vector<Error> problems;  // paths that do not exist or that were given but are not importable
  std::size_t ignored = 0;      // files inside directories with an extension we do not import
};

// The kind of file by name: .html .htm .xhtml (optionally .gz) are HTML; .jsonl .ndjson
// (optionally .gz) are JSON Lines. False for anything else.
bool classify(const std::string& path, InputKind& kind);

// Expands files and directories (recursively, not following symlinked directories).
InputSet collect_inputs(const std::vector<std::string>& paths);

// "file://" + the absolute path, percent-encoding bytes that cannot appear in a URL path.
std::string file_url(const std::string& path);

// Reads one HTML file (gzip-compressed when its name ends in .gz). `url` is the page's address
// (its key); empty means the file's own file:// URL. Errors: "unreadable", "too_large" (over
// `max_bytes`), and those of extract::read_html.
Result<Article> read_html_file(const std::string& path, const std::string& url = {},
                               std::size_t max_bytes = 64u << 20);

}  // namespace vigil::indexer
