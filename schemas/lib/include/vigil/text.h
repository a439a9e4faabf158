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

// ASCII letters lower-cased; every other byte unchanged (safe on UTF-8).
std::string ascii_lower(std::string_view text);

// 64-bit FNV-1a: stable across platforms and runs (unlike std::hash). Not cryptographic.
std::uint64_t fnv1a64(std::string_view data);

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace vigil
