#pragma once
// libxml2 set-up shared by every parser of outside input (the XML stream of sitemaps and feeds,
// and the extractor's HTML reader).

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

namespace vigil::crawl {

// Initialises libxml2 once per process; safe from several threads at once.
inline void init_libxml_once() {
  static const bool initialised = (xmlInitParser(), true);  // C++ makes this thread-safe
  (void)initialised;
}

// For its lifetime, silences libxml2's generic error handler of the calling thread. Some failures
// (encoding conversion) bypass the parser context and go to that handler, which prints to
// stderr; it is thread-local in libxml2, so swapping it for one parse is thread-safe.
class QuietLibxml {
 public:
  QuietLibxml() : old_handler_(xmlGenericError), old_context_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore);
  }
  ~QuietLibxml() { xmlSetGenericErrorFunc(old_context_, old_handler_); }
  QuietLibxml(const QuietLibxml&) = delete;
  QuietLibxml& operator=(const QuietLibxml&) = delete;
  QuietLibxml(QuietLibxml&&) = delete;
  QuietLibxml& operator=(QuietLibxml&&) = delete;

 private:
  static void ignore(void* /*context*/, const char* /*format*/, ...) {}

  xmlGenericErrorFunc old_handler_;
  void* old_context_;
};

}  // namespace vigil::crawl
