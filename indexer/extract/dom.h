#pragma once
// Small helpers over libxml2's HTML tree, shared by the page reader (metadata, visible text) and
// the main-text extractor. Internal to the extract module.

#include <libxml/tree.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil::extract {

bool is_space(char c);
std::string_view trim(std::string_view text);
// libxml2's strings as views; empty for null.
std::string_view as_view(const xmlChar* text);

// What an element means for text extraction.
enum class Kind { kInline, kBlock, kSkip, kScript, kHead, kTitle, kMeta, kLink, kTime, kH1, kHtml };

// The kind of an element by its (lower-case) name; kInline for unknown names.
Kind kind_of(const xmlNode* node);

// An attribute's value (entities resolved), or empty.
std::string_view attribute(const xmlAttr* attr);
std::string_view attribute(const xmlNode* node, std::string_view name);
bool has_attribute(const xmlNode* node, std::string_view name);

// Collapses runs of whitespace (including U+00A0) to one space and groups text into paragraphs.
// Leading and trailing spaces and empty paragraphs never reach the output.
class TextBuilder {
 public:
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  void paragraph_break() {
    if (!out_.empty()) break_pending_ = true;
    space_pending_ = false;
  }
  void append(std::string_view text);
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool space_pending_ = false;
  bool break_pending_ = false;
};

// Visits the subtree under `root` in document order, without recursion (deeply nested pages
// cannot overflow the stack). `enter(node)` returns whether to visit the node's children;
// `leave(node)` is called once the node is done (after its children, if visited).
template <typename Node, typename Enter, typename Leave>
void walk_tree(Node* root, Enter&& enter, Leave&& leave) {
  Node* node = root;
  while (node != nullptr) {
    if (enter(node) && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr) {
      leave(node);
      if (node == root) return;
      if (node->next != nullptr) {
        node = node->next;
        break;
      }
      node = node->parent;
    }
  }
}

// `text` with whitespace runs collapsed to single spaces, trimmed.
std::string collapse(std::string_view text);

}  // namespace vigil::extract
