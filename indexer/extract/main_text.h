#pragma once
// Main-text extraction: finds the article in a parsed page and returns its text without the
// navigation, related-link lists, share bars, comments and footers around it.
//
// How: every element gets its visible text length, link text length and comma count. Each
// text block (an element without block children) of some length scores 1 + commas + up to 3 for
// its length, and passes that score to its parent, half to its grandparent and less further up;
// class and id names add or subtract ("article", "content" vs "comment", "share", "related").
// Scores are discounted by link density. The best element, with those of its siblings that score
// well or read as prose, is the article; inside it, link lists and boilerplate-named blocks are
// dropped, as is a heading that repeats the title. No rule names a site.
// Thread-safe: no shared state.

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace vigil::extract {

// The main text of the page under `root` (paragraphs joined by "\n\n"), or an empty string when
// no element stands out as an article (a short page, an index page): the caller then decides
// whether the page's whole visible text is worth keeping. `title` is the page's title: a heading
// repeating it is not part of the text.
std::string extract_main_text(const xmlNode* root, std::string_view title);

}  // namespace vigil::extract
