#include "extract/byline.h"

#include <array>
#include <cctype>

#include "extract/dom.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

constexpr std::size_t kMaxBylineBytes = 160;  // a longer text is a bio or a paragraph
constexpr std::size_t kMaxNameBytes = 60;
constexpr std::size_t kMaxNameWords = 5;
constexpr std::size_t kMaxAuthors = 8;

// Words that mark an interface label or a sentence, never part of a name.
constexpr std::array<std::string_view, 25> kNotNameWords = {
    "by",      "follow",  "share",   "author",   "authors", "posted",  "comments",
    "comment", "email",   "twitter", "facebook", "view",    "more",    "subscribe",
    "about",   "read",    "profile", "articles", "stories", "updated", "published",
    "staff",   "contact", "bio",     "writer"};

constexpr std::array<std::string_view, 12> kPrefixes = {
    "by ",      "written by ", "words by ", "posted by ", "reported by ", "story by ",
    "text by ", "par ",        "por ",      "von ",       "door ",        "av "};

// Words that end a name: a date follows ("Nathan Willis March 25", "Joe Wee Monday") or a role
// ("Rob Ewaschuk Edited by", "Jane Doe Correspondent").
constexpr std::array<std::string_view, 45> kStopWords = {
    "january",       "february",  "march",       "april",     "may",
    "june",          "july",      "august",      "september", "october",
    "november",      "december",  "jan",         "feb",       "mar",
    "apr",           "jun",       "jul",         "aug",       "sep",
    "sept",          "oct",       "nov",         "dec",       "monday",
    "tuesday",       "wednesday", "thursday",    "friday",    "saturday",
    "sunday",        "today",     "yesterday",   "on",        "at",
    "updated",       "published", "posted",      "edited",    "editor",
    "correspondent", "reporter",  "contributor", "columnist", "photographer"};

// " and " in the languages of the archive's sources.
constexpr std::array<std::string_view, 9> kAnd = {" and ", " & ",  " et ", " und ", " y ",
                                                  " e ",   " en ", " og ", " och "};

bool is_stop_word(std::string_view word) {
  while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
  for (const std::string_view stop_word : kStopWords) {
    if (ascii_iequals(word, stop_word)) return true;
  }
  return false;
}

// Lower-case words that belong inside names ("Michiel de Jong", "Ludwig van Beethoven").
constexpr std::array<std::string_view, 16> kParticles = {"de",  "van", "von",   "der", "den", "da",
                                                         "di",  "del", "della", "la",  "le",  "du",
                                                         "dos", "bin", "al",    "ter"};

// A word that cannot be part of a name: lower case (other than a particle), or a possessive.
bool ends_name(std::string_view word) {
  if (word.ends_with("'s") || word.ends_with("\u2019s") || word.ends_with(':')) return true;
  if (word.empty() || std::islower(static_cast<unsigned char>(word.front())) == 0) return false;
  for (const std::string_view particle : kParticles) {
    if (word == particle) return false;
  }
  return true;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) words.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

std::string_view trim_punct(std::string_view text) {
  const auto junk = [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '.' || c == '|' ||
           c == '/' || c == '(' || c == ')';
  };
  while (!text.empty() && junk(text.front())) text.remove_prefix(1);
  // Keep a final "." of an initial ("Nelson D.") only when the word is one letter plus dot.
  while (!text.empty() && junk(text.back())) {
    if (text.back() == '.' && text.size() >= 2 &&
        std::isupper(static_cast<unsigned char>(text[text.size() - 2])) &&
        (text.size() == 2 || text[text.size() - 3] == ' ')) {
      break;
    }
    text.remove_suffix(1);
  }
  return text;
}

// The text before a date, a time or a separator.
std::string_view cut_at_end_markers(std::string_view text) {
  std::size_t end = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '|' || text[i] == '(' ||
        text[i] == '\n') {
      end = i;
      break;
    }
  }
  for (const std::string_view separator : {" - ", " \u2013 ", " \u2014 ", "\u2022", "\u00b7"}) {
    end = std::min(end, text.find(separator));
  }
  return text.substr(0, end);
}

bool reads_as_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  if (name.find('@') != std::string_view::npos || name.find("://") != std::string_view::npos) {
    return false;
  }
  const std::vector<std::string_view> words = words_of(name);
  if (words.empty() || words.size() > kMaxNameWords) return false;
  for (const std::string_view word : words) {
    for (const std::string_view bad : kNotNameWords) {
      if (ascii_iequals(trim_punct(word), bad)) return false;
    }
  }
  // A name starts with a capital (or a letter of a script without case).
  const auto first = static_cast<unsigned char>(name.front());
  return first >= 0x80 || std::isupper(first) != 0;
}

// Without "By", "By:", "Written by" ...
std::string_view strip_prefix(std::string_view text) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view prefix : kPrefixes) {
      prefix.remove_suffix(1);  // the space
      if (ascii_istarts_with(text, prefix) && text.size() > prefix.size() &&
          (text[prefix.size()] == ' ' || text[prefix.size()] == ':')) {
        text = trim_punct(text.substr(prefix.size() + 1));
        again = true;
      }
    }
  }
  return text;
}

// Splits on "and" (see kAnd) and, when there is an "and", on commas too ("A, B and C"). Without
// one, a comma ends the name: what follows is a role or an employer ("Jane Doe, Reuters").
void split_names(std::string_view text, std::vector<std::string>& out) {
  bool has_and = false;
  for (const std::string_view conjunction : kAnd) {
    has_and = has_and || ascii_ifind(text, conjunction) != std::string_view::npos;
  }
  if (!has_and) text = text.substr(0, std::min(text.find(','), text.find(';')));
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    std::size_t skip = 0;
    if (i == text.size() || text[i] == ',' || text[i] == ';') {
      skip = 1;
    } else if (text[i] == ' ') {
      for (const std::string_view conjunction : kAnd) {
        if (ascii_istarts_with(text.substr(i), conjunction)) skip = conjunction.size();
      }
    }
    if (skip == 0) continue;
    parts.push_back(trim_punct(text.substr(start, i - start)));
    start = i + skip;
    i = start - 1;
  }
  for (const std::string_view part : parts) {
    // Date words, lower-case words and possessives end a name ("Nathan Willis March", "Aleš
    // Vávra před", "Jane Doe Trump's").
    const std::vector<std::string_view> words = words_of(part);
    std::size_t keep = 0;
    while (keep < words.size() && !is_stop_word(words[keep]) && !ends_name(words[keep])) ++keep;
    std::string name;
    for (std::size_t i = 0; i < keep; ++i) {
      if (i > 0) name += ' ';
      name += words[i];
    }
    name = trim_punct(name);
    if (!reads_as_name(name) || out.size() >= kMaxAuthors) continue;
    bool seen = false;
    for (const std::string& known : out) seen = seen || ascii_iequals(known, name);
    if (!seen) out.push_back(std::move(name));
  }
}

// Lower-cased class and id of an element, space-joined.
std::string class_and_id(const xmlNode* node) {
  std::string names = ascii_lower(attribute(node, "class"));
  names += ' ';
  names += ascii_lower(attribute(node, "id"));
  return names;
}

bool has_token(std::string_view list, std::string_view wanted) {
  bool found = false;
  std::size_t pos = 0;
  while (pos < list.size() && !found) {
    while (pos < list.size() && is_space(list[pos])) ++pos;
    std::size_t end = pos;
    while (end < list.size() && !is_space(list[end])) ++end;
    found = ascii_iequals(list.substr(pos, end - pos), wanted);
    pos = end;
  }
  return found;
}

bool is_element(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && as_view(node->name) == name;
}

std::string text_of(const xmlNode* node) {
  TextBuilder text;
  walk_tree(
      node,
      [&](const xmlNode* n) {
        if (n->type == XML_TEXT_NODE) {
          text.append(as_view(n->content));
          return false;
        }
        return n->type == XML_ELEMENT_NODE && kind_of(n) != Kind::kSkip &&
               kind_of(n) != Kind::kScript;
      },
      [](const xmlNode*) {});
  return text.take();
}

// The microdata name of an author element: a descendant's itemprop="name" (content= or text).
std::string microdata_name(const xmlNode* node) {
  std::string name;
  walk_tree(
      node,
      [&](const xmlNode* n) {
        if (!name.empty() || n->type != XML_ELEMENT_NODE) return false;
        if (n != node && has_token(attribute(n, "itemprop"), "name")) {
          const std::string_view content = attribute(n, "content");
          name = content.empty() ? text_of(n) : collapse(content);
          return false;
        }
        return true;
      },
      [](const xmlNode*) {});
  return name;
}

enum Trust { kMicrodata = 0, kRelAuthor = 1, kClassName = 2, kNone = 3 };

class BylineFinder {
 public:
  std::vector<std::string> run(const xmlNode* root) {
    walk_tree(
        root, [this](const xmlNode* n) { return enter(n); }, [](const xmlNode*) {});
    return std::move(best_);
  }

 private:
  bool enter(const xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return false;
    const Kind kind = kind_of(node);
    if (kind == Kind::kSkip || kind == Kind::kScript || kind == Kind::kHead) return false;
    for (const std::string_view name : {"nav", "footer", "form", "header", "button", "select"}) {
      // Headers hold bylines on many sites; only the page's own banner (directly in <body>) is
      // navigation.
      if (name == "header") {
        if (is_element(node, "header") && node->parent != nullptr &&
            is_element(node->parent, "body")) {
          return false;
        }
        continue;
      }
      if (is_element(node, name)) return false;
    }
    const std::string names = class_and_id(node);
    if (names.find("comment") != std::string::npos || names.find("related") != std::string::npos) {
      return false;
    }
    if (best_trust_ == kMicrodata) return false;  // nothing can do better
    if (has_token(attribute(node, "itemprop"), "author")) {
      std::string name = microdata_name(node);
      if (name.empty()) name = text_of(node);
      if (offer(name, kMicrodata)) return false;
    }
    if (is_element(node, "a") && has_token(attribute(node, "rel"), "author")) {
      offer(text_of(node), kRelAuthor);
      return false;
    }
    if ((names.find("byline") != std::string::npos || names.find("author") != std::string::npos) &&
        names.find("bio") == std::string::npos && names.find("avatar") == std::string::npos &&
        names.find("photo") == std::string::npos && names.find("image") == std::string::npos) {
      offer(text_of(node), kClassName);
    }
    return true;
  }

  // Takes `text` as the byline when it names authors and nothing more trusted was found.
  bool offer(const std::string& text, Trust trust) {
    if (trust >= best_trust_ || text.size() > kMaxBylineBytes) return false;
    std::vector<std::string> names = split_byline(text);
    if (names.empty()) return false;
    best_ = std::move(names);
    best_trust_ = trust;
    return true;
  }

  std::vector<std::string> best_;
  Trust best_trust_ = kNone;
};

}  // namespace

std::vector<std::string> split_byline(std::string_view text) {
  std::vector<std::string> names;
  const std::string collapsed = collapse(text);
  std::string_view rest = strip_prefix(trim_punct(collapsed));
  rest = trim_punct(cut_at_end_markers(rest));
  rest = strip_prefix(rest);
  split_names(rest, names);
  return names;
}

std::vector<std::string> find_byline(const xmlNode* root) { return BylineFinder().run(root); }

}  // namespace vigil::extract
