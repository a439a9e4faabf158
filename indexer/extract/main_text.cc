#include "extract/main_text.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "extract/dom.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

// A text block shorter than this (bytes of visible text) says nothing about where the article is.
constexpr std::size_t kMinBlockText = 25;
// A best element with less text than this is no article; the caller falls back.
constexpr std::size_t kMinArticleText = 250;
constexpr int kHintWeight = 25;
constexpr int kMaxScoreLevels = 5;

struct Element {
  const xmlNode* node = nullptr;
  int parent = -1;  // index into the element list; -1 at the top
  std::string_view name;
  Kind kind = Kind::kInline;
  std::size_t text = 0;       // visible text bytes (whitespace not counted), whole subtree
  std::size_t link_text = 0;  // of which inside <a>
  std::size_t commas = 0;
  // Text not inside any block descendant: the element's own paragraph when it mixes bare text
  // with blocks (<div>text<p>..</p></div>), which many templates do.
  std::size_t inline_text = 0;
  std::size_t inline_commas = 0;
  bool has_block_child = false;
  bool candidate = false;
  int hint = 0;  // from class and id names
  double score = 0;

  double link_density() const {
    return text == 0 ? 0.0 : static_cast<double>(link_text) / static_cast<double>(text);
  }
};

// Class and id names, lower-cased, split into parts at anything but letters and digits
// ("rail__item swiper-slide" -> rail, item, swiper, slide).
std::vector<std::string> name_parts(const xmlNode* node) {
  std::vector<std::string> parts;
  std::string part;
  const auto flush = [&] {
    if (!part.empty()) parts.push_back(std::move(part));
    part.clear();
  };
  for (const std::string_view names : {attribute(node, "class"), attribute(node, "id")}) {
    for (const char c : names) {
      const char l = ascii_lower(c);
      if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
        part += l;
      } else {
        flush();
      }
    }
    flush();
  }
  return parts;
}

bool any_part_is(const std::vector<std::string>& parts,
                 std::initializer_list<std::string_view> words) {
  return std::any_of(parts.begin(), parts.end(), [&](const std::string& part) {
    return std::find(words.begin(), words.end(), part) != words.end();
  });
}

bool any_part_contains(const std::vector<std::string>& parts,
                       std::initializer_list<std::string_view> words) {
  return std::any_of(parts.begin(), parts.end(), [&](const std::string& part) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view word) { return part.find(word) != std::string::npos; });
  });
}

// Class and id names say what a block is on most sites' templates. Short words must be a whole
// name part ("rail" is not "trail"); long ones may be part of one ("newsletterSignup").
int class_hint(const std::vector<std::string>& parts) {
  if (parts.empty()) return 0;
  // Reader comments are never the article, even in a "comment-content" block: that outweighs
  // any positive name.
  if (any_part_contains(parts, {"comment", "disqus", "respond", "replies"})) {
    return -2 * kHintWeight;
  }
  int hint = 0;
  if (any_part_is(parts, {"nav", "menu", "rail", "tags", "tag", "skip", "ad", "ads", "author",
                          "aside", "popup", "modal", "widget", "meta"}) ||
      any_part_contains(
          parts, {"navigation", "navbar",   "sidebar",   "footer",  "related",   "share",
                  "social",     "promo",    "byline",    "advert",  "sponsor",   "newsletter",
                  "subscribe",  "signup",   "outbrain",  "taboola", "recommend", "breadcrumb",
                  "pagination", "carousel", "slideshow", "swiper",  "gallery",   "masthead",
                  "cookie",     "consent",  "timestamp", "toolbar", "footnote"})) {
    hint -= kHintWeight;
  }
  if (any_part_is(parts, {"article", "body", "content", "entry", "main", "post", "story", "text",
                          "prose", "blog"}) ||
      any_part_contains(parts, {"article", "content"})) {
    hint += kHintWeight;
  }
  return hint;
}

// Utility classes that hide an element on screen (Bootstrap, WordPress, Tailwind, ...). Whole
// class tokens only: "hidden-xs" or "overflow-hidden" do not hide the text.
bool hidden_by_class(const xmlNode* node) {
  const std::string_view classes = attribute(node, "class");
  for (std::size_t pos = 0; pos < classes.size();) {
    while (pos < classes.size() && is_space(classes[pos])) ++pos;
    std::size_t end = pos;
    while (end < classes.size() && !is_space(classes[end])) ++end;
    const std::string token = ascii_lower(classes.substr(pos, end - pos));
    if (token == "hidden" || token == "hide" || token == "d-none" || token == "sr-only" ||
        token == "visually-hidden" || token == "screen-reader-text" || token == "invisible") {
      return true;
    }
    pos = end;
  }
  return false;
}

// Elements that hold no article text, whatever their content.
bool never_text(const xmlNode* node, std::string_view name) {
  if (name == "nav" || name == "aside" || name == "footer" || name == "menu") return true;
  if (hidden_by_class(node)) return true;
  if (has_attribute(node, "hidden") || attribute(node, "aria-hidden") == "true") return true;
  const std::string style = ascii_lower(attribute(node, "style"));
  return style.find("display:none") != std::string::npos ||
         style.find("display: none") != std::string::npos;
}

int tag_base(std::string_view name) {
  if (name == "div" || name == "article" || name == "main" || name == "section") return 5;
  if (name == "pre" || name == "td" || name == "blockquote") return 3;
  if (name == "ol" || name == "ul" || name == "dl" || name == "dd" || name == "dt" ||
      name == "li" || name == "form" || name == "address") {
    return -3;
  }
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return -5;
  if (name == "th") return -5;
  return 0;
}

bool is_heading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

bool is_block(const Element& element) {
  return element.kind == Kind::kBlock || element.kind == Kind::kH1;
}

void count_text(std::string_view text, Element& element, bool in_link) {
  std::size_t visible = 0;
  std::size_t commas = 0;
  for (const char c : text) {
    if (!is_space(c)) ++visible;
    if (c == ',') ++commas;
  }
  element.text += visible;
  element.commas += commas;
  element.inline_text += visible;
  element.inline_commas += commas;
  if (in_link) element.link_text += visible;
}

// Builds the element list in document order with text statistics per subtree.
class Model {
 public:
  void build(const xmlNode* root);
  std::vector<Element>& elements() { return elements_; }
  int index_of(const xmlNode* node) const {
    const auto it = index_.find(node);
    return it == index_.end() ? -1 : it->second;
  }

 private:
  bool enter(const xmlNode* node, int& current);

  std::vector<Element> elements_;
  std::unordered_map<const xmlNode*, int> index_;
  int link_depth_ = 0;
};

bool Model::enter(const xmlNode* node, int& current) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (current >= 0) count_text(as_view(node->content), elements_[current], link_depth_ > 0);
    return false;
  }
  if (node->type != XML_ELEMENT_NODE) return false;
  const Kind kind = kind_of(node);
  if (kind != Kind::kInline && kind != Kind::kBlock && kind != Kind::kH1 && kind != Kind::kTime &&
      kind != Kind::kHtml) {
    return false;
  }
  const std::string_view name = as_view(node->name);
  const std::vector<std::string> parts = name_parts(node);
  if (never_text(node, name)) return false;
  Element element;
  element.node = node;
  element.parent = current;
  element.name = name;
  element.kind = kind;
  element.hint = class_hint(parts);
  if (current >= 0 && (kind == Kind::kBlock || kind == Kind::kH1) && name != "br" && name != "hr") {
    elements_[current].has_block_child = true;
  }
  current = static_cast<int>(elements_.size());
  index_.emplace(node, current);
  elements_.push_back(element);
  if (name == "a") ++link_depth_;
  return true;
}

void Model::build(const xmlNode* root) {
  int current = -1;
  walk_tree(
      root, [&](const xmlNode* node) { return enter(node, current); },
      [&](const xmlNode* node) {
        if (current < 0 || elements_[current].node != node) return;
        Element& done = elements_[current];
        if (done.name == "a") --link_depth_;
        if (done.parent >= 0) {
          Element& parent = elements_[done.parent];
          parent.text += done.text;
          parent.link_text += done.link_text;
          parent.commas += done.commas;
          if (!is_block(done)) {
            parent.inline_text += done.inline_text;
            parent.inline_commas += done.inline_commas;
          }
        }
        current = done.parent;
      });
}

// Gives `score` to the element at `first` (level 0) and, decreasingly, to its ancestors.
void propagate(std::vector<Element>& elements, int first, double score) {
  int ancestor = first;
  for (int level = 0; ancestor >= 0 && level < kMaxScoreLevels; ++level) {
    Element& up = elements[ancestor];
    if (!up.candidate) {
      up.candidate = true;
      up.score = tag_base(up.name) + up.hint;
    }
    up.score += score / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
    ancestor = up.parent;
  }
}

double paragraph_score(std::size_t text, std::size_t commas) {
  return 1.0 + static_cast<double>(commas) +
         static_cast<double>(std::min<std::size_t>(text / 100, 3));
}

void score_blocks(std::vector<Element>& elements) {
  for (int i = 0; i < static_cast<int>(elements.size()); ++i) {
    const Element& block = elements[i];
    if (block.kind != Kind::kBlock || block.name == "br" || block.name == "hr") continue;
    // List items are prose in list-style articles, but links in menus.
    if (block.name == "li" && block.link_density() >= 0.5) continue;
    if (!block.has_block_child) {
      // A paragraph: its container is the candidate.
      if (block.text >= kMinBlockText) {
        propagate(elements, block.parent, paragraph_score(block.text, block.commas));
      }
    } else if (block.inline_text >= kMinBlockText) {
      // Bare text beside blocks: the element holds that paragraph itself.
      propagate(elements, i, paragraph_score(block.inline_text, block.inline_commas));
    }
  }
  for (Element& element : elements) {
    if (element.candidate) element.score *= 1.0 - element.link_density();
  }
}

bool reads_as_prose(const Element& element) {
  if (element.name != "p") return false;
  if (element.text > 80) return element.link_density() < 0.25;
  return element.text > 0 && element.link_text == 0;
}

// Blocks inside the article that are not part of it: link lists and boilerplate-named blocks.
bool is_clutter(const Element& element) {
  if (element.kind != Kind::kBlock && element.kind != Kind::kH1) return false;
  const double density = element.link_density();
  if (element.hint < 0 && !(density < 0.1 && element.text > 1500)) return true;
  return density > 0.5 && element.name != "p";
}

class Writer {
 public:
  Writer(const Model& model, std::vector<Element>& elements, std::string_view title)
      : model_(model), elements_(elements), title_(collapse(title)) {
    for (const char c : title_) title_visible_ += is_space(c) ? 0 : 1;
  }
  void write(const xmlNode* root);
  std::string take() { return text_.take(); }

 private:
  bool enter(const xmlNode* node);
  void leave(const xmlNode* node);

  const Model& model_;
  std::vector<Element>& elements_;
  std::string title_;
  std::size_t title_visible_ = 0;  // non-space bytes of the title
  TextBuilder text_;
  TextBuilder heading_;
  const xmlNode* heading_node_ = nullptr;
};

bool Writer::enter(const xmlNode* node) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    (heading_node_ != nullptr ? heading_ : text_).append(as_view(node->content));
    return false;
  }
  if (node->type != XML_ELEMENT_NODE) return false;
  const int index = model_.index_of(node);
  if (index < 0) return false;  // skipped kinds and never-text elements
  const Element& element = elements_[index];
  if (is_clutter(element)) return false;
  if (element.kind == Kind::kBlock || element.kind == Kind::kH1) text_.paragraph_break();
  // A block that might repeat the title (a heading, or any block of the title's length) is
  // collected aside and compared when it ends.
  if (heading_node_ == nullptr && title_visible_ > 0 && is_block(element) &&
      (is_heading(element.name) ||
       (element.text + 2 >= title_visible_ && element.text <= title_visible_ + 2))) {
    heading_node_ = node;
  }
  return true;
}

void Writer::leave(const xmlNode* node) {
  if (node->type != XML_ELEMENT_NODE) return;
  if (node == heading_node_) {
    // A heading that repeats the title is the headline, not article text.
    std::string heading = heading_.take();
    heading_ = TextBuilder();
    heading_node_ = nullptr;
    if (!ascii_iequals(heading, title_)) {
      text_.paragraph_break();
      text_.append(heading);
    }
  }
  const int index = model_.index_of(node);
  if (index >= 0 && (elements_[index].kind == Kind::kBlock || elements_[index].kind == Kind::kH1)) {
    text_.paragraph_break();
  }
}

void Writer::write(const xmlNode* root) {
  walk_tree(
      root, [this](const xmlNode* node) { return enter(node); },
      [this](const xmlNode* node) { leave(node); });
}

bool is_inside(const std::vector<Element>& elements, int element, int ancestor) {
  for (int up = elements[element].parent; up >= 0; up = elements[up].parent) {
    if (up == ancestor) return true;
  }
  return false;
}

// An article split into chunks (one per paragraph group, ad slots between them) gives several
// candidates of similar score in one container. When enough of them share an ancestor with the
// best, that ancestor is the article.
int common_container(const std::vector<Element>& elements, int best) {
  constexpr double kCloseScore = 0.75;
  constexpr int kMinChunks = 2;
  std::vector<int> close;
  for (int i = 0; i < static_cast<int>(elements.size()); ++i) {
    if (i != best && elements[i].candidate &&
        elements[i].score >= kCloseScore * elements[best].score && !is_inside(elements, i, best) &&
        !is_inside(elements, best, i)) {
      close.push_back(i);
    }
  }
  if (static_cast<int>(close.size()) < kMinChunks) return best;
  for (int up = elements[best].parent; up >= 0; up = elements[up].parent) {
    if (elements[up].name == "body" || elements[up].name == "html") break;
    const auto inside = std::count_if(close.begin(), close.end(),
                                      [&](int i) { return is_inside(elements, i, up); });
    if (inside >= kMinChunks) return up;
  }
  return best;
}

}  // namespace

std::string extract_main_text(const xmlNode* root, std::string_view title) {
  Model model;
  model.build(root);
  std::vector<Element>& elements = model.elements();
  score_blocks(elements);
  // Name bonuses must not let a small box ("article-optin", "content-teaser") beat the article:
  // only elements with an article's worth of text compete.
  int best = -1;
  for (int i = 0; i < static_cast<int>(elements.size()); ++i) {
    if (elements[i].candidate && elements[i].text >= kMinArticleText &&
        (best < 0 || elements[i].score > elements[best].score)) {
      best = i;
    }
  }
  if (best < 0) return {};
  best = common_container(elements, best);

  // The best element and those of its siblings that also read as article text.
  Writer writer(model, elements, title);
  const Element& top = elements[best];
  if (top.parent < 0) {
    writer.write(top.node);
    return writer.take();
  }
  const double threshold = std::max(10.0, top.score * 0.2);
  for (const xmlNode* child = elements[top.parent].node->children; child != nullptr;
       child = child->next) {
    const int index = model.index_of(child);
    if (index < 0) continue;
    const Element& sibling = elements[index];
    if (index == best || (sibling.candidate && sibling.score >= threshold) ||
        reads_as_prose(sibling)) {
      writer.write(child);
    }
  }
  return writer.take();
}

}  // namespace vigil::extract
