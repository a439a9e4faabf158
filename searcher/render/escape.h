#pragma once
// Escaping helpers used by the renderers. Pure functions: no I/O, no state, thread-safe. None of
// them fails: ill-formed UTF-8 in any input is replaced with U+FFFD instead of being rejected.

#include <string>
#include <string_view>

#include "vigil/json.h"

namespace vigil::render {

// Text for an HTML element or a quoted attribute: & < > " ' become &amp; &lt; &gt; &quot; &#39;.
std::string html_escape(std::string_view text);

// json_escape() is in vigil/json.h (shared with the indexer).

// `text` made safe to print on a terminal: every control character that could start or form an
// escape sequence is removed, i.e. C0 controls except \n and \t, DEL, and C1 controls
// (U+0080-U+009F). Hostile documents therefore cannot move the cursor, retitle the window, etc.
std::string terminal_safe(std::string_view text);

// A snippet_html (escaped text with <mark> tags, see search::Hit) for a terminal: <mark> becomes
// `mark_on` and </mark> `mark_off` (e.g. ANSI codes, or empty strings for plain text); the
// entities html_escape() and Xapian's MSet::snippet() produce (&amp; &lt; &gt; &quot; &#39;, plus
// &#039; and &apos;) are decoded; any other markup or entity passes through unchanged. The text is
// cleaned as by terminal_safe(); `mark_on` and `mark_off` are inserted verbatim.
std::string snippet_for_terminal(std::string_view snippet_html, std::string_view mark_on,
                                 std::string_view mark_off);

}  // namespace vigil::render
