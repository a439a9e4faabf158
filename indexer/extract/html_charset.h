#pragma once
// Charset handling for the HTML reader: which bytes libxml2 should parse and which encoding to
// announce. Real pages lie about their charset and mix in stray bytes; the rules here were chosen
// by measurement on the readability test pages (see decode()).

#include <string>
#include <string_view>

namespace vigil::extract {

// How far into the page we look for <meta charset>: real pages put it after kilobytes of
// scripts (cnet: byte 4988), and the scan only stops at '<meta' tags, so a wide window is cheap.
inline constexpr std::size_t kPrescanBytes = std::size_t{16} * 1024;

// What libxml2 parses: the bytes (possibly converted to UTF-8 here) and the encoding to announce.
// An announced encoding makes libxml2 ignore <meta charset>; nullptr lets it follow the meta tag.
struct Decoded {
  std::string_view bytes;
  const char* encoding = nullptr;
  std::string storage;  // owns `bytes` when they were converted
};

// The charset named by the first <meta ... charset=NAME> (or content="...; charset=NAME") within
// `head`, lower-cased; empty when there is none.
std::string declared_charset(std::string_view head);

// Chooses the bytes and encoding for libxml2: a UTF-8 BOM or valid UTF-8 is UTF-8 (whatever the
// page declares, except UTF-16/ISO-2022-like charsets); a declared Western charset is converted
// from windows-1252 here; a UTF-8 page with a few stray bytes is repaired; other declared
// charsets are left to libxml2; an undeclared non-UTF-8 page is converted from the charset ICU
// detects when it is confident and not Western, else read as windows-1252. `out.bytes` may point
// into `bytes`, which must outlive `out`.
// `http_charset` is the charset parameter of the HTTP Content-Type header (empty when none): as in
// browsers it outranks <meta charset>.
void decode(std::string_view bytes, Decoded& out, std::string_view http_charset = {});

// The charset parameter of a Content-Type value ("text/html; charset=GBK" -> "gbk"), lower-cased;
// empty when there is none.
std::string content_type_charset(std::string_view content_type);

}  // namespace vigil::extract
