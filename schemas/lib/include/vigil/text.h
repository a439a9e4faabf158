#pragma once
// Small text helpers both binaries need: UTF-8 validation and repair, ASCII case folding, hashing.

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` with every ill-formed byte sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

// `text` (valid UTF-8) appended to `out` as HTML element or attribute text: & < > " ' become
// &amp; &lt; &gt; &quot; &#39;. The searcher's renderers and its snippet builder share it.
void append_html_escaped(std::string_view text, std::string& out);

// ASCII letters lower-cased; every other byte unchanged (safe on UTF-8).
std::string ascii_lower(std::string_view text);
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Equality and prefix tests ignoring ASCII case (HTML tag, attribute and charset names).
bool ascii_iequals(std::string_view a, std::string_view b);
bool ascii_istarts_with(std::string_view text, std::string_view prefix);
// The position of the first occurrence of `needle` in `text` ignoring ASCII case, or npos.
std::size_t ascii_ifind(std::string_view text, std::string_view needle);

// `text` without leading and trailing spaces and tabs (the optional whitespace around HTTP and
// WARC header values).
std::string_view trim_blanks(std::string_view text);

// The primary language subtag, lower-cased: "en" from "en-GB", "en_US" or " EN "; empty unless it
// is 2-3 ASCII letters (and for "und"). Both readers store this, and the lang: filter uses it, so
// the language facet does not split "en" and "en-GB".
std::string language_subtag(std::string_view tag);

// 64-bit FNV-1a: stable across platforms and runs (unlike std::hash). Not cryptographic. Part of
// the index format (fetch-log keys and content hashes, shard assignment in shard.h): never change.
std::uint64_t fnv1a64(std::string_view data);

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace vigil
