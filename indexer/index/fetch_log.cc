#include "index/fetch_log.h"

#include <charconv>
#include <vector>

#include "vigil/text.h"

namespace vigil::index {
namespace {

constexpr std::string_view kKeyPrefix = "vigil.fetch.";
constexpr std::size_t kOldFields = 8;  // records written before the schedule fields
constexpr std::size_t kFields = 16;

std::string clean(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string fetch_key(std::string_view url) {
  return std::string(kKeyPrefix) + hex64(fnv1a64(url));
}

std::string encode_fetch_record(const FetchRecord& r) {
  std::string out = clean(r.url);
  for (const std::string& field :
       {std::to_string(r.status), clean(r.etag), clean(r.last_modified), clean(r.content_hash),
        std::to_string(r.fetched_at), clean(r.outcome), clean(r.reason), clean(r.key),
        clean(r.kind), std::to_string(r.depth), std::to_string(r.interval),
        std::to_string(r.next_visit), std::to_string(r.changed_at), std::to_string(r.failures),
        std::to_string(r.run)}) {
    out += '\t';
    out += field;
  }
  return out;
}

std::optional<FetchRecord> decode_fetch_record(std::string_view text) {
  std::vector<std::string_view> fields;
  for (std::size_t pos = 0;;) {
    const std::size_t tab = text.find('\t', pos);
    fields.push_back(text.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  if (fields.size() != kFields && fields.size() != kOldFields) return std::nullopt;
  FetchRecord r;
  r.url = fields[0];
  if (!parse_number(fields[1], r.status) || !parse_number(fields[5], r.fetched_at)) {
    return std::nullopt;
  }
  r.etag = fields[2];
  r.last_modified = fields[3];
  r.content_hash = fields[4];
  r.outcome = fields[6];
  r.reason = fields[7];
  if (fields.size() == kOldFields) return r;
  r.key = fields[8];
  r.kind = fields[9];
  if (!parse_number(fields[10], r.depth) || !parse_number(fields[11], r.interval) ||
      !parse_number(fields[12], r.next_visit) || !parse_number(fields[13], r.changed_at) ||
      !parse_number(fields[14], r.failures) || !parse_number(fields[15], r.run)) {
    return std::nullopt;
  }
  return r;
}

std::optional<FetchRecord> read_fetch_record(const Xapian::Database& db, std::string_view url) {
  std::optional<FetchRecord> record = decode_fetch_record(db.get_metadata(fetch_key(url)));
  if (record && record->url != url) return std::nullopt;
  return record;
}

void for_each_fetch_record(const Xapian::Database& db,
                           const std::function<void(FetchRecord&&)>& visit) {
  const std::string prefix(kKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    if (std::optional<FetchRecord> record = decode_fetch_record(db.get_metadata(*it))) {
      visit(std::move(*record));
    }
  }
}

}  // namespace vigil::index
