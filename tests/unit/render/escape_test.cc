#include "render/escape.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace vigil::render {
namespace {

using namespace std::string_literals;

// U+FFFD REPLACEMENT CHARACTER, which stands in for every ill-formed byte.
constexpr std::string_view kFffd = "\xEF\xBF\xBD";

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

TEST(HtmlEscape, Table) {
  const Case cases[] = {
      {"empty", "", ""},
      {"plain", "Plain text 123", "Plain text 123"},
      {"ampersand", "AT&T", "AT&amp;T"},
      {"script", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"quotes", R"(say "hi" & 'bye')", "say &quot;hi&quot; &amp; &#39;bye&#39;"},
      {"attribute breakout", R"(" onmouseover="x)", "&quot; onmouseover=&quot;x"},
      {"already escaped", "&amp;", "&amp;amp;"},
      {"utf8 kept", "Défense · 人权 · حقوق", "Défense · 人权 · حقوق"},
      {"lone invalid byte",
       "a\xFF"
       "b",
       "a"s + std::string(kFffd) + "b"},
      {"latin-1 byte", "caf\xE9", "caf"s + std::string(kFffd)},
      {"overlong slash", "\xC0\xAF", std::string(kFffd) + std::string(kFffd)},
      {"truncated at end", "x\xE2\x80", "x"s + std::string(kFffd) + std::string(kFffd)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(html_escape(c.input), c.expected);
  }
}

TEST(JsonEscape, Table) {
  const Case cases[] = {
      {"empty", "", ""},
      {"plain", "plain text", "plain text"},
      {"quote", R"(say "hi")", R"(say \"hi\")"},
      {"backslash", R"(C:\path\n)", R"(C:\\path\\n)"},
      {"short escapes", "a\nb\tc\rd\be\ff", R"(a\nb\tc\rd\be\ff)"},
      {"other controls", "\x01\x1F", R"(\u0001\u001f)"},
      {"escape sequence", "\x1B[31mred", R"(\u001b[31mred)"},
      {"nul byte", "nul\0byte"s, R"(nul\u0000byte)"},
      {"del kept", "\x7F", "\x7F"},
      {"line separators", "a\u2028b\u2029c", R"(a\u2028b\u2029c)"},
      {"similar code points kept", "\u2027\u202A", "\u2027\u202A"},
      {"markup kept", "<mark>x</mark> & </script>", "<mark>x</mark> & </script>"},
      {"utf8 kept", "Ünïcödé 中文 😀", "Ünïcödé 中文 😀"},
      {"invalid byte", "bad \xFF", "bad "s + std::string(kFffd)},
      {"surrogate", "\xED\xA0\x80", std::string(kFffd) + std::string(kFffd) + std::string(kFffd)},
      {"invalid then quote", "\xFE\"", std::string(kFffd) + R"(\")"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(json_escape(c.input), c.expected);
  }
}

TEST(TerminalSafe, Table) {
  const Case cases[] = {
      {"plain", "plain text", "plain text"},
      {"newline and tab kept", "a\nb\tc", "a\nb\tc"},
      {"csi removed", "\x1B[2Jclear", "[2Jclear"},
      {"osc title removed", "\x1B]0;pwned\x07text", "]0;pwnedtext"},
      {"other c0 and del", "\x01\x08\r\x7F!", "!"},
      {"c1 csi",
       "\xC2\x9B"
       "31m",
       "31m"},
      {"c1 next line",
       "a\xC2\x85"
       "b",
       "ab"},
      {"nbsp kept",
       "a\xC2\xA0"
       "b",
       "a\xC2\xA0"
       "b"},
      {"utf8 kept", "é – 日本", "é – 日本"},
      {"invalid byte", "\xFF", std::string(kFffd)},
      {"truncated c2", "x\xC2", "x"s + std::string(kFffd)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(terminal_safe(c.input), c.expected);
  }
}

TEST(SnippetForTerminal, Table) {
  const Case cases[] = {
      {"marks", "the <mark>court</mark> ruled", "the [court] ruled"},
      {"adjacent marks", "<mark>a</mark><mark>b</mark>", "[a][b]"},
      {"entities", "&amp; &lt;b&gt; &quot;q&quot; &#39;s", R"(& <b> "q" 's)"},
      {"other apostrophes", "&#039;t &apos;u", "'t 'u"},
      {"decoded once", "&amp;lt;mark&amp;gt;", "&lt;mark&gt;"},
      {"decoded tag is text", "&lt;mark&gt;x&lt;/mark&gt;", "<mark>x</mark>"},
      {"unknown entities kept", "&nbsp; &#x41; &copy &", "&nbsp; &#x41; &copy &"},
      {"numeric escape not decoded", "&#27;[2J", "&#27;[2J"},
      {"raw quotes from xapian", R"(he said "no" it's)", R"(he said "no" it's)"},
      {"other tags kept", "<b>x</b> <MARK>y</MARK> <mar", "<b>x</b> <MARK>y</MARK> <mar"},
      {"lone brackets", "a < b > c", "a < b > c"},
      {"injected csi", "evil\x1B[2J\x1B[31mred", "evil[2J[31mred"},
      {"injected osc", "\x1B]0;title\x07ok", "]0;titleok"},
      {"injected c1",
       "\xC2\x9B"
       "2J",
       "2J"},
      {"carriage return", "fake\rline", "fakeline"},
      {"escape inside mark", "<mark>a\x1B[8mb</mark>", "[a[8mb]"},
      {"newline and tab kept", "a\nb\tc", "a\nb\tc"},
      {"invalid byte", "x\xFF<mark>y</mark>", "x"s + std::string(kFffd) + "[y]"},
      {"utf8 and ellipsis", "…<mark>droits</mark> humains…", "…[droits] humains…"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(snippet_for_terminal(c.input, "[", "]"), c.expected);
  }
}

TEST(SnippetForTerminal, EmptyMarksGivePlainText) {
  EXPECT_EQ(snippet_for_terminal("<mark>a</mark> &amp; <mark>b</mark>", "", ""), "a & b");
}

TEST(SnippetForTerminal, InsertsAnsiCodesVerbatim) {
  EXPECT_EQ(snippet_for_terminal("x <mark>y</mark>\x1B[0m", "\x1B[1;33m", "\x1B[0m"),
            "x \x1B[1;33my\x1B[0m[0m");
}

TEST(HtmlEscape, KeepsPrintableAsciiOtherThanTheFiveSpecials) {
  std::string input;
  for (char c = 0x20; c < 0x7F; ++c) {
    if (std::string_view("&<>\"'").find(c) == std::string_view::npos) {
      input += c;
    }
  }
  EXPECT_EQ(html_escape(input), input);
}

TEST(JsonEscape, NoRawControlCharacterSurvives) {
  std::string input;
  for (int c = 0; c < 0x20; ++c) {
    input += static_cast<char>(c);
  }
  const std::string escaped = json_escape(input);
  for (const char c : escaped) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << escaped;
  }
}

}  // namespace
}  // namespace vigil::render
