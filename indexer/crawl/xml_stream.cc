#include "crawl/xml_stream.h"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <deque>
#include <exception>
#include <memory>

#include "crawl/libxml_quiet.h"
#include "vigil/text.h"

namespace vigil::crawl {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;  // xmlParseChunk takes an int size

// NONET: no network access even if something asked for it. RECOVER: keep the entries before and
// after a stray "&" or an unclosed tag, as feed readers do. Deliberately absent: NOENT (entity
// substitution), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE and HUGE (which lifts the depth and size
// limits).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_RECOVER;

struct State {
  XmlHandler* handler = nullptr;
  xmlParserCtxtPtr context = nullptr;
  XmlOutcome outcome;
  XmlElement element;               // reused for every start tag
  std::deque<std::string> decoded;  // attribute values that needed decoding, for one start tag
  std::exception_ptr exception;
};

std::string_view view(const xmlChar* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

// Runs one callback unless parsing is over; a false return or an exception stops the parser.
template <typename Callback>
void guarded(void* data, Callback callback) {
  State& state = *static_cast<State*>(data);
  if (state.outcome.stopped || state.exception) return;
  try {
    if (!callback(state)) {
      state.outcome.stopped = true;
      xmlStopParser(state.context);
    }
  } catch (...) {  // must not unwind through libxml2's C frames
    state.exception = std::current_exception();
    xmlStopParser(state.context);
  }
}

// Without entity substitution libxml2 hands SAX2 attribute values with each "&" (from "&amp;"
// or "&#38;") written as "&#38;", for a tree builder to decode later. Nothing else is encoded.
std::string_view attribute_value(State& state, const xmlChar* begin, const xmlChar* end) {
  const std::string_view raw(reinterpret_cast<const char*>(begin),
                             static_cast<std::size_t>(end - begin));
  if (raw.find("&#38;") == std::string_view::npos) return raw;
  std::string& out = state.decoded.emplace_back();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (raw.compare(i, 5, "&#38;") == 0) i += 4;
  }
  return out;
}

void on_start(void* data, const xmlChar* local_name, const xmlChar* /*prefix*/, const xmlChar* uri,
              int /*namespace_count*/, const xmlChar** /*namespaces*/, int attribute_count,
              int /*defaulted_count*/, const xmlChar** attributes) {
  guarded(data, [&](State& state) {
    state.decoded.clear();
    state.element.local_name = view(local_name);
    state.element.ns_uri = view(uri);
    state.element.attributes.clear();
    for (int i = 0; i < attribute_count; ++i) {
      // Five pointers per attribute: local name, prefix, URI, value start, value end.
      const xmlChar** attribute = attributes + static_cast<std::ptrdiff_t>(5) * i;
      state.element.attributes.push_back(
          XmlAttribute{view(attribute[0]), view(attribute[2]),
                       attribute_value(state, attribute[3], attribute[4])});
    }
    return state.handler->start_element(state.element);
  });
}

void on_end(void* data, const xmlChar* /*local_name*/, const xmlChar* /*prefix*/,
            const xmlChar* /*uri*/) {
  guarded(data, [](State& state) { return state.handler->end_element(); });
}

void on_text(void* data, const xmlChar* text, int length) {
  guarded(data, [&](State& state) {
    return state.handler->text(
        std::string_view(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length)));
  });
}

// The only entities ever resolved are the predefined five; libxml2 asks this for every other
// reference and gets nothing, so no declared entity is expanded or loaded. (libxml2 still records
// declarations in a throwaway document, "for expat compatibility", but looks them up there only
// when the SAX user data is the parser context, which ours never is.)
xmlEntityPtr no_entity(void* /*data*/, const xmlChar* name) { return xmlGetPredefinedEntity(name); }
xmlEntityPtr no_parameter_entity(void* /*data*/, const xmlChar* /*name*/) { return nullptr; }

void on_error(void* data, xmlErrorPtr error) {
  State& state = *static_cast<State*>(data);
  if (error == nullptr || error->level < XML_ERR_ERROR || !state.outcome.well_formed) return;
  state.outcome.well_formed = false;
  std::string message = error->message == nullptr ? "malformed XML" : error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  state.outcome.first_error = "line " + std::to_string(error->line) + ": " + message;
}

xmlSAXHandler make_handler() {
  xmlSAXHandler sax{};  // every callback not set here is off: no DTD, entity or subset hooks
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.cdataBlock = on_text;
  sax.getEntity = no_entity;
  sax.getParameterEntity = no_parameter_entity;
  sax.serror = on_error;
  return sax;
}

struct ContextDeleter {
  void operator()(xmlParserCtxt* context) const {
    xmlFreeDoc(context->myDoc);  // the throwaway document holding entity declarations, if any
    xmlFreeParserCtxt(context);
  }
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::optional<std::string_view> XmlElement::attribute(std::string_view local,
                                                      std::string_view ns) const {
  for (const XmlAttribute& a : attributes) {
    if (a.local_name == local && a.ns_uri == ns) return a.value;
  }
  return std::nullopt;
}

XmlOutcome parse_xml(std::string_view bytes, XmlHandler& handler) {
  init_libxml_once();
  const QuietLibxml quiet;
  State state;
  state.handler = &handler;
  xmlSAXHandler sax = make_handler();
  // The first bytes go in with the context so libxml2 can detect UTF-16 and other encodings.
  const std::size_t head = std::min<std::size_t>(bytes.size(), 4);
  const std::unique_ptr<xmlParserCtxt, ContextDeleter> context(
      xmlCreatePushParserCtxt(&sax, &state, bytes.data(), static_cast<int>(head), nullptr));
  if (!context) {
    state.outcome.well_formed = false;
    state.outcome.first_error = "cannot create an XML parser";
    return state.outcome;
  }
  state.context = context.get();
  xmlCtxtUseOptions(context.get(), kParseOptions);
  for (std::size_t pos = head; pos < bytes.size() && !state.outcome.stopped && !state.exception;) {
    const std::size_t n = std::min(kChunkBytes, bytes.size() - pos);
    xmlParseChunk(context.get(), bytes.data() + pos, static_cast<int>(n), 0);
    pos += n;
  }
  if (!state.outcome.stopped && !state.exception) xmlParseChunk(context.get(), nullptr, 0, 1);
  if (state.exception) std::rethrow_exception(state.exception);
  if (context->wellFormed == 0 && state.outcome.well_formed && !state.outcome.stopped) {
    state.outcome.well_formed = false;
    state.outcome.first_error = "malformed XML";
  }
  return state.outcome;
}

std::string xml_root_name(std::string_view bytes) {
  std::string_view text = bytes.substr(0, kXmlSniffBytes);
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  while (true) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                             text.front() == '\n')) {
      text.remove_prefix(1);
    }
    std::size_t skip = std::string_view::npos;
    if (starts_with(text, "<?")) {
      skip = text.find("?>");
      if (skip != std::string_view::npos) skip += 2;
    } else if (starts_with(text, "<!--")) {
      skip = text.find("-->");
      if (skip != std::string_view::npos) skip += 3;
    } else if (ascii_istarts_with(text, "<!DOCTYPE")) {
      // An internal subset may contain ">" inside its brackets.
      const std::size_t bracket = text.find_first_of("[>");
      const std::size_t close = bracket != std::string_view::npos && text[bracket] == '['
                                    ? text.find(']', bracket)
                                    : bracket;
      skip = close == std::string_view::npos ? close : text.find('>', close);
      if (skip != std::string_view::npos) skip += 1;
    } else if (starts_with(text, "<")) {
      text.remove_prefix(1);
      const std::string_view name = text.substr(0, text.find_first_of(" \t\r\n/>"));
      if (name.empty() || name.size() == text.size()) return {};
      const std::size_t colon = name.find(':');
      return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
    } else {
      return {};
    }
    if (skip == std::string_view::npos) return {};
    text.remove_prefix(skip);
  }
}

}  // namespace vigil::crawl
