#pragma once
// Local import: expands the paths given to `vigil-index add` into input files and reads HTML
// files and WARC files into Articles (JSON Lines files are read by extract::read_jsonl).

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "article/article.h"
#include "vigil/result.h"
#include "vigil/shard.h"

namespace vigil::indexer {

enum class InputKind { kHtml, kJsonl, kWarc };

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
// (optionally .gz) are JSON Lines; .warc, .warc.gz and .warc.gz.open (a WARC file still being
// written, or left by a killed writer) are WARC. False for anything else.
bool classify(const std::string& path, InputKind& kind);

// Expands files and directories (recursively, not following symlinked directories).
InputSet collect_inputs(const std::vector<std::string>& paths);

// "file://" + the absolute path, percent-encoding bytes that cannot appear in a URL path.
std::string file_url(const std::string& path);

// The largest HTML file read (after decompression): the crawler's default --max-page-bytes.
// Extracting a page takes about five times its size in memory, and no article is this long.
inline constexpr std::size_t kMaxHtmlFileBytes = std::size_t{16} << 20;

// Reads one HTML file (gzip-compressed when its name ends in .gz). `url` is the page's address
// (its key); empty means the file's own file:// URL. Errors: "unreadable", "too_large" (over
// `max_bytes`: a plain file by its size, unread), and those of extract::read_html.
Result<Article> read_html_file(const std::string& path, const std::string& url = {},
                               std::size_t max_bytes = kMaxHtmlFileBytes);

// What reading one WARC file found.
struct WarcStats {
  std::size_t records = 0;      // records read (of every type)
  std::size_t pages = 0;        // HTML pages passed to the sink (as Articles or their Errors)
  std::size_t quiet = 0;        // records holding no page: other types, non-200, not HTML
  std::size_t errors = 0;       // bad records and a truncated or damaged file, passed to the sink
  std::size_t other_shard = 0;  // HTML pages of another shard, passed to the sink as such

  // "120 records: 40 HTML pages, 78 other records skipped, 2 errors"
  // "..., 2 errors, 31 pages of other shards" (the last only when there are some)
  std::string describe() const;
};

// Reads every record of a WARC file (see warc::Reader): each HTML page (warc::warc_article)
// goes to `sink` as an Article or an Error with context "PATH@OFFSET"; records that hold no page
// are counted only; bad records and a truncated or damaged tail go to `sink` as Errors (one per
// problem; the rest of the file is read where possible). `sink` returns false to stop reading.
// Pages whose key (the target URI) is not in `shard` go to `sink` as kOtherShard errors without
// being decoded or read. Pages over `max_bytes` decoded fail with "too_large".
WarcStats read_warc_file(const std::string& path,
                         const std::function<bool(Result<Article>&&)>& sink, Shard shard = {},
                         std::size_t max_bytes = 64u << 20);

}  // namespace vigil::indexer
