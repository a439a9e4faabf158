#pragma once
// The fetch log: what the crawler last got for each URL it fetched (status, validators, content
// hash, when, and why it failed), kept in the index's own metadata so that it is committed
// atomically with the documents it describes. A later run sends conditional requests from it
// (ETag, Last-Modified) and tells changed pages from unchanged ones.

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::index {

struct FetchRecord {
  std::string url;
  long status = 0;              // HTTP status; 0 when no response arrived
  std::string etag;             // as sent by the server
  std::string last_modified;    // as sent by the server
  std::string content_hash;     // 16 hex digits of the body's FNV-1a hash; empty without a body
  std::int64_t fetched_at = 0;  // Unix seconds
  std::string outcome;          // "article", "not_article", "noindex", "not_html", "failed", ...
  std::string reason;           // for failures: why, for people
  // The revisit schedule and the persistent frontier (update.h). Records written before these
  // fields existed decode with the defaults.
  std::string key;              // the document the URL produced (its canonical key); "" if none
  std::string kind = "page";    // what the URL was queued as: "page", "sitemap" or "feed"
  int depth = 0;                // links followed from a seed, sitemap or feed to reach it
  std::int64_t interval = 0;    // seconds between visits (adaptive); 0 before the first visit
  std::int64_t next_visit = 0;  // Unix seconds: due from then on; 0 means at once
  std::int64_t changed_at = 0;  // Unix seconds of the last visit that found new content
  int failures = 0;             // transient failures in a row (reset by any answer)
  std::int64_t run = 0;         // the run (update.h) that last got an answer for it
};

// The metadata key of `url`'s record: "vigil.fetch." + 16 hex digits of the URL's hash (Xapian
// keys are limited in length; URLs are not). The record itself holds the full URL.
std::string fetch_key(std::string_view url);

// Every record in `db`, in key order, each passed to `visit` (records that do not decode are
// skipped).
void for_each_fetch_record(const Xapian::Database& db,
                           const std::function<void(FetchRecord&&)>& visit);

// Tab-separated fields (tabs and newlines in values replaced by spaces).
std::string encode_fetch_record(const FetchRecord& record);
std::optional<FetchRecord> decode_fetch_record(std::string_view text);

// The record of `url` in `db`, if any (and if its hash slot does not belong to another URL).
std::optional<FetchRecord> read_fetch_record(const Xapian::Database& db, std::string_view url);

}  // namespace vigil::index
