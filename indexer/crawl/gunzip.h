#pragma once
// In-memory gzip decompression with a hard cap on the output, for sitemaps and feeds served as
// .gz files. (indexer/extract/jsonl_reader.cc reads gzip *files* through gzopen; this works on
// bytes already in memory.)

#include <cstddef>
#include <string>
#include <string_view>

#include "vigil/result.h"

namespace vigil::crawl {

// True when `data` starts with the gzip magic bytes 1f 8b.
bool is_gzip(std::string_view data);

// The decompressed bytes of a gzip stream (RFC 1952). Concatenated members are joined, as gzip(1)
// does; bytes after the last member that do not start another member are ignored.
// Fails with code "too_large" as soon as the output would exceed `max_bytes` (so a decompression
// bomb costs at most `max_bytes` of memory), "corrupt_gzip" for a bad header, data or checksum,
// and "truncated_gzip" when the input ends inside a member. Errors carry no context; callers add
// it. Thread-safe.
Result<std::string> gunzip(std::string_view data, std::size_t max_bytes);

// `data` itself, or when it starts with the gzip magic bytes its decompressed form, which is
// kept in `storage` (the view points into it). Fails as gunzip does, and with "too_large" as well
// when uncompressed `data` is longer than `max_bytes`.
Result<std::string_view> maybe_gunzip(std::string_view data, std::size_t max_bytes,
                                      std::string& storage);

// Up to `max_bytes` of the decompressed stream, or fewer when it is shorter or corrupt (what was
// decoded before the damage). For sniffing the start of a document; never fails.
std::string gunzip_prefix(std::string_view data, std::size_t max_bytes);

}  // namespace vigil::crawl
