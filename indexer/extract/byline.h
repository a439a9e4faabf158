#pragma once
// Authors from the visible page, for pages whose metadata names none: schema.org microdata
// (itemprop="author", with its itemprop="name"), rel="author" links, and elements whose class or
// id says "byline" or "author", in that order of trust. Comments, navigation, forms and footers
// are ignored (their "author" elements name commenters and menu entries). Thread-safe.

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace vigil::extract {

// The authors named by the page's visible byline, or none.
std::vector<std::string> find_byline(const xmlNode* root);

// One byline text as author names: "By Jane Doe and John Roe, March 3, 2021" gives
// {"Jane Doe", "John Roe"}. Strips "By"/"Written by" (and "Par", "Por", "Von", "Door", "Av"),
// stops at a date, a time or a separator ("|", "•", " - "), splits on "and", "&" and commas
// between full names. A part that does not read as a name (too long, lower case, a URL, an e-mail
// address, words such as "Follow" or "Share") is dropped.
std::vector<std::string> split_byline(std::string_view text);

}  // namespace vigil::extract
