#include "extract/main_text.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <memory>
#include <string>

namespace vigil::extract {
namespace {

// Prose long enough to count as a paragraph, with commas like real sentences.
std::string prose(const std::string& topic, int sentences = 3) {
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    out += "Witnesses said the " + topic + ", which had lasted for weeks, was documented by " +
           "investigators, lawyers and local journalists in sentence " + std::to_string(i) + ". ";
  }
  return out;
}

std::string extract(const std::string& body, const std::string& title = "Headline") {
  const std::string html =
      "<html><head><title>" + title + "</title></head><body>" + body + "</body></html>";
  const std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
      &xmlFreeDoc);
  return extract_main_text(xmlDocGetRootElement(doc.get()), title);
}

struct Case {
  const char* name;
  std::string body;
  std::vector<std::string> kept;     // substrings that must be in the main text
  std::vector<std::string> dropped;  // substrings that must not
};

class MainText : public testing::TestWithParam<Case> {};

TEST_P(MainText, KeepsTheArticleAndDropsTheRest) {
  const std::string text = extract(GetParam().body);
  for (const std::string& kept : GetParam().kept) {
    EXPECT_NE(text.find(kept), std::string::npos) << "lost '" << kept << "' in:\n" << text;
  }
  for (const std::string& dropped : GetParam().dropped) {
    EXPECT_EQ(text.find(dropped), std::string::npos) << "kept '" << dropped << "' in:\n" << text;
  }
}

const std::string kMenu =
    "<ul><li><a href=/a>World</a></li><li><a href=/b>Politics</a></li>"
    "<li><a href=/c>Sport NBA</a></li><li><a href=/d>Business</a></li></ul>";

INSTANTIATE_TEST_SUITE_P(
    Rules, MainText,
    testing::Values(
        Case{"NavigationAsideAndFooterAreDropped",
             "<nav>" + kMenu + "</nav><article><p>" + prose("detention") + "</p><p>" +
                 prose("hearing") +
                 "</p></article><aside><p>Sidebar NBA story</p></aside>"
                 "<footer><p>Copyright footer text</p></footer>",
             {"detention", "hearing"},
             {"Politics", "Sidebar NBA story", "Copyright footer"}},
        Case{"RelatedLinkListInsideTheArticleIsDropped",
             "<div class=story><p>" + prose("trial") + "</p>" + kMenu + "<p>" + prose("appeal") +
                 "</p></div>",
             {"trial", "appeal"},
             {"Sport NBA"}},
        Case{"BoilerplateNamesAreDropped",
             "<div class=article-body><p>" + prose("strike") +
                 "</p><div class=share-bar>Share on Facebook Share on Twitter</div>"
                 "<div class=newsletter-signup>Sign up for our newsletter today</div><p>" +
                 prose("march") + "</p></div>",
             {"strike", "march"},
             {"Share on Facebook", "Sign up"}},
        Case{"CommentsLoseToTheArticle",
             "<div class=post-content><p>" + prose("eviction", 3) +
                 "</p></div><div class=comment-content><p>" + prose("complaint", 6) + "</p></div>",
             {"eviction"},
             {"complaint"}},
        Case{"BareTextBesideBlocksIsAParagraph",
             "<div class=col><p class=kicker>Health</p>" + prose("ambulance", 4) +
                 "<br><div class=row><a href=/x>Facebook</a></div></div>"
                 "<div class=menu>" +
                 kMenu + "</div>",
             {"ambulance"},
             {"Politics"}},
        Case{"ArticleSplitIntoChunksIsKeptWhole",
             "<div class=main><div class=chunk><div class=article-text><p>" + prose("first") +
                 "</p><p>" + prose("first") +
                 "</p></div></div><div class=ad-slot>Advert</div>"
                 "<div class=chunk><div class=article-text><p>" +
                 prose("second") + "</p><p>" + prose("second") +
                 "</p></div></div><div class=chunk><div class=article-text><p>" + prose("third") +
                 "</p><p>" + prose("third") + "</p></div></div></div>",
             {"first", "second", "third"},
             {}},
        Case{"HeadlineRepeatingTheTitleIsDroppedOtherHeadingsKept",
             "<article><h1>Headline</h1><p>" + prose("raid") + "</p><h2>Reaction</h2><p>" +
                 prose("protest") + "</p></article>",
             {"raid", "Reaction", "protest"},
             {"Headline"}},
        Case{"ScreenHiddenBlocksAreDropped",
             "<article><p>" + prose("ban") +
                 "</p><div class='d-none d-print-block'>Print-only "
                 "citation block</div><span class=sr-only>Screen reader note</span><p>" +
                 prose("court") + "</p></article>",
             {"ban", "court"},
             {"Print-only", "Screen reader note"}},
        Case{"ResponsiveHidingClassesKeepText",
             "<div class='hidden-xs overflow-hidden'><article><p>" + prose("flood") + "</p><p>" +
                 prose("rescue") + "</p></article></div>",
             {"flood", "rescue"},
             {}},
        Case{"SmallWellNamedBoxDoesNotBeatTheArticle",
             "<div class=article-optin-container><p>Get the morning briefing in your inbox</p>"
             "</div><div class=x><p>" +
                 prose("curfew") + "</p><p>" + prose("arrests") + "</p></div>",
             {"curfew", "arrests"},
             {}},
        Case{"ListArticleBeatsComments",
             "<article class=post><h2>Fixes</h2><ul><li>" + prose("crash", 1) + "</li><li>" +
                 prose("freeze", 1) + "</li><li>" + prose("leak", 1) + "</li><li>" +
                 prose("hang", 1) + "</li></ul></article><div id=comments><div><p>" +
                 prose("opinion", 4) + "</p></div></div>",
             {"crash", "leak", "hang"},
             {"opinion"}}),
    [](const testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

TEST(MainText, AShortPageHasNoArticle) {
  // The caller then keeps the page's whole visible text (see HtmlReader tests).
  EXPECT_EQ(extract("<p>Contact us</p><p>Opening hours: 9 to 5</p>"), "");
}

}  // namespace
}  // namespace vigil::extract
