#include "extract/dom.h"

#include <unordered_map>

namespace vigil::extract {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view as_view(const xmlChar* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

void TextBuilder::append(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      space_pending_ = true;
      ++i;
      continue;
    }
    if (text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      space_pending_ = true;
      i += 2;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && !is_space(text[end]) && text[end] != '\xC2') ++end;
    if (break_pending_) {
      out_ += "\n\n";
    } else if (space_pending_ && !out_.empty()) {
      out_ += ' ';
    }
    break_pending_ = space_pending_ = false;
    out_.append(text.data() + i, end - i);
    i = end;
  }
}

std::string collapse(std::string_view text) {
  TextBuilder builder;
  builder.append(text);
  return builder.take();
}

namespace {

const std::unordered_map<std::string_view, Kind>& element_kinds() {
  static const auto* const kinds = [] {
    auto* map = new std::unordered_map<std::string_view, Kind>();
    for (std::string_view name :
         {"address", "article",  "aside",      "blockquote", "body",    "br",      "caption",
          "center",  "dd",       "details",    "dialog",     "dir",     "div",     "dl",
          "dt",      "fieldset", "figcaption", "figure",     "footer",  "form",    "frameset",
          "h2",      "h3",       "h4",         "h5",         "h6",      "header",  "hgroup",
          "hr",      "legend",   "li",         "listing",    "main",    "menu",    "nav",
          "ol",      "p",        "plaintext",  "pre",        "section", "summary", "table",
          "tbody",   "td",       "tfoot",      "th",         "thead",   "tr",      "ul",
          "xmp"}) {
      (*map)[name] = Kind::kBlock;
    }
    for (std::string_view name :
         {"style",    "noscript", "template", "svg",    "math",     "iframe",   "object",
          "embed",    "applet",   "select",   "option", "optgroup", "datalist", "button",
          "textarea", "input",    "audio",    "video",  "canvas",   "noframes", "noembed"}) {
      (*map)[name] = Kind::kSkip;
    }
    (*map)["script"] = Kind::kScript;
    (*map)["head"] = Kind::kHead;
    (*map)["title"] = Kind::kTitle;
    (*map)["meta"] = Kind::kMeta;
    (*map)["link"] = Kind::kLink;
    (*map)["time"] = Kind::kTime;
    (*map)["h1"] = Kind::kH1;
    (*map)["html"] = Kind::kHtml;
    return map;
  }();
  return *kinds;
}

}  // namespace

Kind kind_of(const xmlNode* node) {
  const auto& kinds = element_kinds();
  const auto it = kinds.find(as_view(node->name));
  return it == kinds.end() ? Kind::kInline : it->second;
}

std::string_view attribute(const xmlAttr* attr) {
  // The HTML parser stores every attribute value as one text node with entities resolved.
  const xmlNode* child = attr->children;
  return child != nullptr && child->type == XML_TEXT_NODE ? as_view(child->content)
                                                          : std::string_view();
}

std::string_view attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (as_view(attr->name) == name) return attribute(attr);
  }
  return {};
}

bool has_attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (as_view(attr->name) == name) return true;
  }
  return false;
}

}  // namespace vigil::extract
