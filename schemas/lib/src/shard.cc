#include "vigil/shard.h"

#include <cassert>
#include <charconv>
#include <cstddef>
#include <system_error>
#include <utility>

#include "vigil/errors.h"
#include "vigil/text.h"

namespace vigil {
namespace {

// "the shards of 3 are 1/3, 2/3 and 3/3", or "... 1/16 to 16/16" for many.
std::string shards_of(unsigned count) {
  std::string text = "the shards of ";
  text += std::to_string(count);
  text += count == 1 ? " is " : " are ";
  if (count > 4) {
    text += format_shard({1, count});
    text += " to ";
    text += format_shard({count, count});
    return text;
  }
  for (unsigned i = 1; i <= count; ++i) {
    if (i > 1) text += i == count ? " and " : ", ";
    text += format_shard({i, count});
  }
  return text;
}

[[noreturn]] void fail(std::string_view name, std::string_view text, std::string_view why,
                       std::string hint) {
  std::string what = "invalid ";
  what += name;
  what += " '";
  what += text;
  what += "': ";
  what += why;
  throw ConfigError(what, std::move(hint));
}

constexpr const char* kGeneralHint =
    "write shard I of N as I/N, N from 1 to 4096 and I from 1 to N: --shard 1/3, --shard 2/3 "
    "and --shard 3/3 build three indexes that together hold everything";

// A decimal number of digits only; false for anything else, or past kMaxShards (the only use).
bool parse_number(std::string_view digits, unsigned& out) {
  if (digits.empty()) return false;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (error == std::errc::result_out_of_range || out > kMaxShards) out = kMaxShards + 1;
  return end == digits.data() + digits.size();
}

// The port of an authority without its colon: digits only, leading zeros dropped; empty for the
// scheme's default. False when it is not a port.
bool normal_port(std::string_view port, std::string_view default_port, std::string& out) {
  while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  for (const char c : port) {
    if (c < '0' || c > '9') return false;
  }
  if (port.size() > 5) return false;
  out = port == default_port ? std::string() : std::string(port);
  return true;
}

}  // namespace

Shard parse_shard(std::string_view text, std::string_view name) {
  const std::size_t slash = text.find('/');
  if (text.empty() || slash == std::string_view::npos) {
    fail(name, text, "expected I/N, shard I of N (e.g. 2/3)", kGeneralHint);
  }
  const std::string_view index_text = text.substr(0, slash);
  const std::string_view count_text = text.substr(slash + 1);
  Shard shard;
  for (const auto& [part, value] :
       {std::pair{index_text, &shard.index}, std::pair{count_text, &shard.count}}) {
    if (!parse_number(part, *value)) {
      std::string why = "'";
      why += part;
      why += "' is not a whole number (expected I/N, e.g. 2/3)";
      fail(name, text, why, kGeneralHint);
    }
  }
  if (shard.count < 1 || shard.count > kMaxShards) {
    fail(name, text, "the number of shards N must be 1 to 4096", kGeneralHint);
  }
  if (shard.index < 1 || shard.index > shard.count) {
    std::string why = shard.index == 0 ? "shards are numbered from 1" : "there is no shard ";
    if (shard.index != 0) {
      why += index_text;
      why += " of ";
      why += std::to_string(shard.count);
    }
    why += ": I must be 1 to ";
    why += std::to_string(shard.count);
    fail(name, text, why, shards_of(shard.count));
  }
  return shard;
}

std::string format_shard(Shard shard) {
  std::string text = std::to_string(shard.index);
  text += '/';
  text += std::to_string(shard.count);
  return text;
}

unsigned shard_index(std::string_view key, unsigned count) {
  assert(count >= 1 && count <= kMaxShards);
  return static_cast<unsigned>(fnv1a64(key) % count) + 1;
}

bool in_shard(std::string_view key, Shard shard) {
  return shard.whole() || shard_index(key, shard.count) == shard.index;
}

Error other_shard(std::string_view key, Shard shard, std::string context) {
  std::string message = "in shard ";
  message += format_shard({shard_index(key, shard.count), shard.count});
  message += ", not in ";
  message += format_shard(shard);
  return Error{std::string(kOtherShard), std::move(message), std::move(context)};
}

std::string shard_of_url(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::string scheme = ascii_lower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return {};
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  // The host ends at the port's colon; an IPv6 literal's colons are inside its brackets.
  std::size_t host_end = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return {};
    host_end = close + 1 < authority.size() && authority[close + 1] == ':' ? close + 1
                                                                           : std::string_view::npos;
  }
  std::string host = ascii_lower(authority.substr(0, host_end));
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return {};
  std::string port;
  if (host_end != std::string_view::npos &&
      !normal_port(authority.substr(host_end + 1), scheme == "http" ? "80" : "443", port)) {
    return {};
  }
  if (port.empty()) return host;
  host += ':';
  host += port;
  return host;
}

}  // namespace vigil
