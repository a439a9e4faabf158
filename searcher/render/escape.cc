#include "render/escape.h"

#include <array>
#include <cstddef>
#include <optional>

#include "vigil/text.h"

namespace vigil::render {
namespace {

// Calls `fn` on a well-formed version of `text`. Valid input (nearly all of it) is not copied.
// After this the scanners below can work byte by byte: they never split a sequence, and the only
// multi-byte patterns they look for (C1 controls, U+2028/U+2029) cannot start mid-character.
template <typename Fn>
std::string with_valid_utf8(std::string_view text, Fn fn) {
  if (is_valid_utf8(text)) {
    return fn(text);
  }
  const std::string repaired = to_valid_utf8(text);
  return fn(std::string_view(repaired));
}

// Length in bytes of the terminal control character at text[i], or 0 when there is none there.
// `text` must be valid UTF-8, where the C1 controls U+0080-U+009F are exactly C2 80 .. C2 9F.
std::size_t control_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x20) {
    return byte == '\n' || byte == '\t' ? 0 : 1;
  }
  if (byte == 0x7F) {
    return 1;
  }
  if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
    return 2;
  }
  return 0;
}

struct Replacement {
  std::string_view from;
  std::string_view to;
};

// What html_escape() produces, plus the spellings of the apostrophe other escapers use.
// Xapian 1.4's MSet::snippet() itself escapes only & < >, so quotes normally arrive raw.
constexpr std::array<Replacement, 7> kEntities = {{{"&amp;", "&"},
                                                   {"&lt;", "<"},
                                                   {"&gt;", ">"},
                                                   {"&quot;", "\""},
                                                   {"&#39;", "'"},
                                                   {"&#039;", "'"},
                                                   {"&apos;", "'"}}};

// What <mark> and </mark> become.
struct Marks {
  std::string_view on;
  std::string_view off;
};

// The markup (a mark tag or a known entity) at the start of `rest`, if any.
std::optional<Replacement> markup_at(std::string_view rest, const Marks& marks) {
  if (rest.starts_with("<mark>")) {
    return Replacement{"<mark>", marks.on};
  }
  if (rest.starts_with("</mark>")) {
    return Replacement{"</mark>", marks.off};
  }
  if (rest.starts_with('&')) {
    for (const Replacement& entity : kEntities) {
      if (rest.starts_with(entity.from)) {
        return entity;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string html_escape(std::string_view text) {
  return with_valid_utf8(text, [](std::string_view valid) {
    std::string out;
    out.reserve(valid.size() + valid.size() / 8);
    append_html_escaped(valid, out);
    return out;
  });
}

std::string terminal_safe(std::string_view text) {
  return with_valid_utf8(text, [](std::string_view valid) {
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size();) {
      if (const std::size_t skip = control_length(valid, i)) {
        i += skip;
      } else {
        out += valid[i++];
      }
    }
    return out;
  });
}

std::string snippet_for_terminal(std::string_view snippet_html, std::string_view mark_on,
                                 std::string_view mark_off) {
  const Marks marks{mark_on, mark_off};
  return with_valid_utf8(snippet_html, [&marks](std::string_view valid) {
    std::string out;
    out.reserve(valid.size() + 4 * (marks.on.size() + marks.off.size()));
    for (std::size_t i = 0; i < valid.size();) {
      if (const std::size_t skip = control_length(valid, i)) {
        i += skip;
      } else if (const auto markup = markup_at(valid.substr(i), marks)) {
        out += markup->to;
        i += markup->from.size();
      } else {
        out += valid[i++];
      }
    }
    return out;
  });
}

}  // namespace vigil::render
