#pragma once
// JSON Lines import: one article per line, as in the corpora of ../shared/data.
//   required: "title" (a string; may be empty), "body" (a string; may be empty)
//   key:      "url" when it is a non-empty string, else "id" (string or number)
//   optional: "date" (ISO 8601, see parse_iso_date), "author" (string or array of strings),
//             "source" (string), "lang" (string); every other field is ignored.
// Plain and gzip-compressed files are read the same way. Blank lines are ignored (but counted
// in line numbers). Article::main_text is "body" with "\r\n" turned into "\n"; Article::origin
// is "PATH:LINE"; "lang" is passed through unchanged.

#include <cstddef>
#include <functional>
#include <string>

#include "article/article.h"
#include "vigil/result.h"
#include "vigil/shard.h"

namespace vigil::extract {

struct JsonlStats {
  std::size_t lines = 0;        // non-blank lines read
  std::size_t records = 0;      // lines that became an Article
  std::size_t skipped = 0;      // lines passed to the sink as an Error (other shards aside)
  std::size_t other_shard = 0;  // lines whose key is in another shard (see JsonlOptions)
};

struct JsonlOptions {
  std::size_t max_line_bytes = 64u << 20;  // longer lines are skipped without being parsed
  // A line whose key is not in this shard reaches the sink as an Error of code kOtherShard
  // (vigil/shard.h), before its title and text are read; its other problems are left to the
  // shard that holds it. Lines without a key fail in every shard.
  Shard shard;
};

// Receives each line's outcome in file order. An Error's context is "PATH:LINE" and its code one of
// "invalid_json", "invalid_utf8" (the message names the 1-based byte of the line), "not_an_object",
// "missing_title", "missing_body" (absent or null), "missing_key", "bad_field" (title or body not
// a string; other fields of the wrong type are ignored) or "line_too_long".
// The sink returns false to stop reading (an interrupted import must not parse the rest of a
// large file first); read_jsonl then returns the stats so far.
using ArticleSink = std::function<bool(Result<Article>&&)>;

// Reads the whole file. Fails (code "unreadable", context `path`) when the file cannot be opened
// or read, or its gzip stream is corrupt or truncated; lines already passed to the sink stay
// delivered (the partial line at the failure is not). The sink runs on the calling thread;
// separate calls may run in parallel.
Result<JsonlStats> read_jsonl(const std::string& path, const ArticleSink& sink,
                              const JsonlOptions& options = {});

}  // namespace vigil::extract
