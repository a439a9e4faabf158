#include "extract/title.h"

#include <gtest/gtest.h>

namespace vigil::extract {
namespace {

struct TitleCase {
  const char* title;
  const char* site_name;
  const char* host;
  const char* expected;
};

class StripSiteName : public testing::TestWithParam<TitleCase> {};

TEST_P(StripSiteName, RemovesOnlyTheSitesName) {
  EXPECT_EQ(strip_site_name(GetParam().title, GetParam().site_name, GetParam().host),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, StripSiteName,
    testing::Values(TitleCase{"Obama admits US gun laws are his 'biggest frustration' - BBC News",
                              "BBC News", "bbc.co.uk",
                              "Obama admits US gun laws are his 'biggest frustration'"},
                    TitleCase{"List of films featuring time loops - Wikipedia", "",
                              "en.wikipedia.org", "List of films featuring time loops"},
                    TitleCase{"Reuters | Detainees released after hunger strike", "",
                              "www.reuters.com", "Detainees released after hunger strike"},
                    TitleCase{"West Ham hrozí gigantům | Aktuálně.cz",
                              "Aktuálně.cz - Víte, co se právě děje", "zpravy.aktualne.cz",
                              "West Ham hrozí gigantům"},
                    TitleCase{"Apple’s Vision Pro \xE2\x80\x94 The Verge", "The Verge",
                              "theverge.com", "Apple’s Vision Pro"},
                    // No site name in it: left whole.
                    TitleCase{"Syria - the forgotten war", "Example News", "example.org",
                              "Syria - the forgotten war"},
                    TitleCase{"Get your code covered | Code | Nicolas Perriault", "", "example.org",
                              "Get your code covered | Code | Nicolas Perriault"},
                    // The site's name alone is not stripped to nothing.
                    TitleCase{"BBC News", "BBC News", "bbc.co.uk", "BBC News"},
                    TitleCase{"  Spaced   title  ", "", "", "Spaced   title"}));

TEST(MainHostLabel, SkipsSubdomainsAndPublicSuffixes) {
  EXPECT_EQ(main_host_label("news.bbc.co.uk"), "bbc");
  EXPECT_EQ(main_host_label("en.wikipedia.org"), "wikipedia");
  EXPECT_EQ(main_host_label("www.example.com.au"), "example");
  EXPECT_EQ(main_host_label("localhost"), "localhost");
  EXPECT_EQ(main_host_label(""), "");
}

}  // namespace
}  // namespace vigil::extract
