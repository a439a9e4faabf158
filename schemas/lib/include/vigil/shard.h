#pragma once
// Shards: one collection split over N indexes built independently (`vigil-index --shard I/N`) and
// searched as one. Which shard an item belongs to is decided by a hash of a key (a crawled host's
// authority, an imported document's key), so every run, on every machine, agrees without talking
// to the others.
//
// PART OF THE INDEX FORMAT: an index built as shard I/N holds exactly the items whose key
// hashes to I, so changing the rule below would silently misplace everything indexed before.
// The rule, never to change:
//   shard_index(key, N) = (FNV-1a 64-bit of the key's bytes) mod N, plus 1
// FNV-1a 64: offset basis 14695981039346656037, prime 1099511628211, one byte at a time
// (vigil::fnv1a64 in text.h). tests/unit/schema/shard_test.cc pins it with a golden table.

#include <string>
#include <string_view>

#include "vigil/result.h"

namespace vigil {

// The most shards a collection can be split into.
inline constexpr unsigned kMaxShards = 4096;

// Index metadata key holding the shard an index was built as, "I/N" (format_shard). Absent in
// an index built without --shard, which is the whole collection (1/1).
inline constexpr const char* kShardMetadataKey = "vigil.shard";

// The Error code of an input item skipped because its key belongs to another shard: not a
// failure, only counted (like "not_article").
inline constexpr std::string_view kOtherShard = "other_shard";

// Shard `index` of `count`, 1-based: 1 <= index <= count <= kMaxShards. {1, 1} is everything.
struct Shard {
  unsigned index = 1;
  unsigned count = 1;

  bool whole() const { return count == 1; }
  bool operator==(const Shard&) const = default;
};

// Parses "I/N" (decimal digits only, no spaces or signs). `name` names the value in messages
// ("--shard", or the metadata key). Throws ConfigError naming the value and the problem, with a
// hint listing valid values, for "", "3", "a/b", "1/3x", "0/3", "4/3", "1/0", "1/5000".
Shard parse_shard(std::string_view text, std::string_view name = "--shard");

// "I/N": what parse_shard reads back.
std::string format_shard(Shard shard);

// The shard (1-based, of `count`) that `key` belongs to: fnv1a64(key) % count + 1. `count` must be
// 1 to kMaxShards. Pure and thread-safe, like the two below.
unsigned shard_index(std::string_view key, unsigned count);

// Whether `key` belongs to `shard` (always true for the whole collection, 1/1).
bool in_shard(std::string_view key, Shard shard);

// The Error (code kOtherShard, the given context) of an item whose `key` is not in `shard`:
// "in shard 2/3, not in 1/3".
Error other_shard(std::string_view key, Shard shard, std::string context);

// The shard key of a crawled URL: its authority, lower-cased, without user info, a trailing dot
// of the host, or the scheme's default port ("http://User@WWW.Example.org.:80/a" ->
// "www.example.org"; "https://example.org:8443/" -> "example.org:8443"; "http://[::1]:8080/" ->
// "[::1]:8080"). "www." is kept: another host name is another host to a crawler. Empty when the
// URL is not http(s) or has no host. Every page of a host lands in the same shard, so one
// crawler alone fetches it (politeness) and follows its links.
std::string shard_of_url(std::string_view url);

}  // namespace vigil
