#pragma once
// A streaming XML reader for untrusted sitemaps and feeds, shared by sitemap.cc and feed.cc.
//
// Safety: libxml2's SAX2 push parser with XML_PARSE_NONET and no entity support at all. Only the
// five predefined entities (&amp; &lt; &gt; &quot; &apos;) and character references are
// expanded; every other entity reference, internal or external, general or parameter, is dropped
// unread, so "billion laughs" expands nothing and an external entity naming file:///etc/passwd
// or a URL is never opened. No DTD is loaded or validated. Errors are recovered from where
// libxml2 can (XML_PARSE_RECOVER); nothing is printed.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::crawl {

struct XmlAttribute {
  std::string_view local_name;
  std::string_view ns_uri;  // empty when not namespaced; xml:base has kXmlNamespace
  std::string_view value;   // predefined entities and character references expanded
};

inline constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

// An element start. The views are valid only during the start_element call.
struct XmlElement {
  std::string_view local_name;  // "loc" for <sm:loc>
  std::string_view ns_uri;      // empty when not namespaced
  std::vector<XmlAttribute> attributes;

  // The value of the attribute `local_name` in namespace `ns_uri`, if present.
  std::optional<std::string_view> attribute(std::string_view local_name,
                                            std::string_view ns_uri = {}) const;
};

// Receives the document in order. Each callback returns false to stop parsing early (a cap was
// reached). Text may arrive in several pieces; whitespace is passed through. Exceptions thrown by
// a callback stop the parse and propagate out of parse_xml.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual bool start_element(const XmlElement& element) = 0;
  virtual bool end_element() = 0;
  virtual bool text(std::string_view chunk) = 0;  // character data and CDATA sections
};

struct XmlOutcome {
  bool well_formed = true;  // false after any error, even one recovered from
  bool stopped = false;     // a handler callback returned false
  std::string first_error;  // "line 3: ..." from libxml2, when !well_formed
};

// Parses `bytes` (UTF-8, or the encoding the XML declaration names) and calls `handler`. Never
// throws except to pass on a handler's exception. Thread-safe for separate handlers.
XmlOutcome parse_xml(std::string_view bytes, XmlHandler& handler);

// Bytes of a document that xml_root_name looks at.
inline constexpr std::size_t kXmlSniffBytes = std::size_t{64} * 1024;

// The local name of the root element ("urlset" for <sm:urlset>), found by skipping a UTF-8 BOM,
// whitespace, the XML declaration, processing instructions, comments and a DOCTYPE; empty when
// `bytes` does not start like an XML document. Looks at the first kXmlSniffBytes only. Pure.
std::string xml_root_name(std::string_view bytes);

}  // namespace vigil::crawl
