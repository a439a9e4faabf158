#pragma once
// Helpers of the HTML reader's tests (html_reader_test.cc, html_reader_data_test.cc).

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "extract/html_reader.h"

namespace vigil::extract {

inline Result<Article> read(std::string_view html, std::string url = "file:///page.html") {
  return read_html(HtmlInput{html, std::move(url), "page.html"});
}

// The article read from `html`; fails the test when the reader refuses it.
inline Article article(std::string_view html) {
  Result<Article> result = read(html);
  EXPECT_TRUE(result.ok()) << result.error().describe();
  return result.ok() ? std::move(result).value() : Article{};
}

}  // namespace vigil::extract
