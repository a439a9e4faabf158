#include "extract/byline.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <memory>
#include <string>
#include <vector>

namespace vigil::extract {
namespace {

using Names = std::vector<std::string>;

struct SplitCase {
  const char* text;
  Names names;
};

class SplitByline : public testing::TestWithParam<SplitCase> {};

TEST_P(SplitByline, GivesTheNames) { EXPECT_EQ(split_byline(GetParam().text), GetParam().names); }

INSTANTIATE_TEST_SUITE_P(
    Patterns, SplitByline,
    testing::Values(
        SplitCase{"Jane Doe", {"Jane Doe"}}, SplitCase{"By Jane Doe", {"Jane Doe"}},
        SplitCase{"  by   Jane Doe  ", {"Jane Doe"}}, SplitCase{"BY: Jane Doe", {"Jane Doe"}},
        SplitCase{"Written by Jane Doe", {"Jane Doe"}},
        SplitCase{"By Jane Doe and John Roe", {"Jane Doe", "John Roe"}},
        SplitCase{"By Jane Doe & John Roe", {"Jane Doe", "John Roe"}},
        SplitCase{"By Jane Doe, John Roe and Mary Major", {"Jane Doe", "John Roe", "Mary Major"}},
        SplitCase{"Par Jeanne Dupont et Jean Martin", {"Jeanne Dupont", "Jean Martin"}},
        SplitCase{"Von Anna Schmidt und Max Weber", {"Anna Schmidt", "Max Weber"}},
        // What follows a name: a date, a time, a role, an employer, a separator.
        SplitCase{"By Nathan Willis March 25, 2015", {"Nathan Willis"}},
        SplitCase{"By GILLIAN MOHNEY March 11, 2015 3:46 PM", {"GILLIAN MOHNEY"}},
        SplitCase{"Joe Wee Monday 12th", {"Joe Wee"}}, SplitCase{"Jane Doe, Reuters", {"Jane Doe"}},
        SplitCase{"By Brenda Goodman, MA WebMD Health News", {"Brenda Goodman"}},
        SplitCase{"Jane Doe | The Daily", {"Jane Doe"}},
        SplitCase{"Jane Doe \xE2\x80\xA2 5 min read", {"Jane Doe"}},
        SplitCase{"Jane Doe Correspondent in Kabul", {"Jane Doe"}},
        SplitCase{"Rob Ewaschuk Edited by Betsy Beyer", {"Rob Ewaschuk"}},
        SplitCase{"Jane Doe updated 2 hours ago", {"Jane Doe"}},
        SplitCase{"Ale\xC5\xA1 V\xC3\xA1vra p\xC5\x99"
                  "ed 3 hodinami",
                  {"Ale\xC5\xA1 V\xC3\xA1vra"}},
        // Names with particles, initials and other scripts.
        SplitCase{"By Michiel de Jong", {"Michiel de Jong"}},
        SplitCase{"Nelson D. Schwartz", {"Nelson D. Schwartz"}},
        SplitCase{"\xE5\xBC\xA0\xE4\xB8\x89", {"\xE5\xBC\xA0\xE4\xB8\x89"}},
        // Not names.
        SplitCase{"Follow Author", {}}, SplitCase{"Share this article", {}},
        SplitCase{"by the editorial board of the newspaper", {}}, SplitCase{"jane@example.org", {}},
        SplitCase{"https://example.org/jane", {}}, SplitCase{"", {}}, SplitCase{"By", {}},
        SplitCase{"One Two Three Four Five Six Seven", {}}));

// A page whose <body> is `body`, parsed, and its byline.
Names byline_of(const std::string& body) {
  const std::string html = "<html><body>" + body + "</body></html>";
  const std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
      &xmlFreeDoc);
  return find_byline(xmlDocGetRootElement(doc.get()));
}

struct PageCase {
  const char* name;
  const char* body;
  Names names;
};

class FindByline : public testing::TestWithParam<PageCase> {};

TEST_P(FindByline, ReadsTheVisibleByline) {
  EXPECT_EQ(byline_of(GetParam().body), GetParam().names);
}

INSTANTIATE_TEST_SUITE_P(
    Pages, FindByline,
    testing::Values(
        PageCase{"Microdata",
                 R"(<p itemprop="author" itemscope><a href="/a/jd" rel="author">
                 <span itemprop="name">Jane Doe</span></a> in Geneva</p>)",
                 {"Jane Doe"}},
        PageCase{"MicrodataMetaName",
                 R"(<div itemprop="author"><meta itemprop="name" content="Jane Doe"></div>)",
                 {"Jane Doe"}},
        PageCase{"RelAuthor",
                 R"(<p>Posted by <a rel="author" href="/u/jd">Jane Doe</a></p>)",
                 {"Jane Doe"}},
        PageCase{"BylineClass",
                 R"(<div class="article-byline">By <a href="/jd">Jane Doe</a> and
                 <a href="/jr">John Roe</a>, 3 June 2021</div>)",
                 {"Jane Doe", "John Roe"}},
        PageCase{"AuthorId", R"(<span id="story-author">By Jane Doe</span>)", {"Jane Doe"}},
        PageCase{"MicrodataBeatsClass",
                 R"(<div class="byline">By the desk</div>
                 <span itemprop="author">Jane Doe</span>)",
                 {"Jane Doe"}},
        PageCase{"HeaderInsideArticleCounts",
                 R"(<article><header><p class="byline">By Jane Doe</p></header></article>)",
                 {"Jane Doe"}},
        PageCase{"CommentsAreNotBylines",
                 R"(<ol class="comments"><li><cite class="author fn">John Troll</cite></li></ol>)",
                 {}},
        PageCase{"NavigationIsNotAByline",
                 R"(<nav><a rel="author" href="/authors/a">Andy Serwer</a></nav>)",
                 {}},
        PageCase{"FormsAreNotBylines",
                 R"(<form><label class="author">Your Name</label><input name="author"></form>)",
                 {}},
        PageCase{"PageBannerIsNotAByline",
                 R"(<header><span class="author-menu">Maria Staff</span></header>)",
                 {}},
        PageCase{
            "RelatedStoriesAreNotBylines",
            R"(<ul class="related-stories"><li><span class="author">John Roe</span></li></ul>)",
            {}},
        PageCase{"AuthorBioIsNotAByline",
                 R"(<div class="author-bio">Jane Doe has covered the region since 2004 for
                 several newspapers and broadcasters in Europe and Asia.</div>)",
                 {}},
        PageCase{"NoByline", R"(<p>Witnesses described the raid.</p>)", {}}),
    [](const testing::TestParamInfo<PageCase>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace vigil::extract
