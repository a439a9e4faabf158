#include "query/query_text.h"

#include <gtest/gtest.h>

namespace vigil::query {
namespace {

struct TextCase {
  const char* typed;
  const char* prepared;
};

class QueryText : public testing::TestWithParam<TextCase> {};

TEST_P(QueryText, NormalisesTextButNotFilterValuesAndShieldsCjkRuns) {
  const std::vector<std::string> verbatim{"site", "place", "org", "lang", "url"};
  EXPECT_EQ(prepare_query_text(GetParam().typed, verbatim), GetParam().prepared)
      << GetParam().typed;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QueryText,
    testing::Values(TextCase{"forced labour AND Xinjiang", "forced labour AND Xinjiang"},
                    TextCase{"Bachélet OR title:Bachélet", "Bachelet OR title:Bachelet"},
                    TextCase{"place:São Paulo", "place:São Paulo"},  // the value as typed
                    TextCase{"place:\"São Paulo\" café", "place:\"São Paulo\" cafe"},
                    TextCase{"(place:Zürich) café", "(place:Zürich) cafe"},
                    TextCase{"-site:café.example cafés", "-site:café.example cafes"},
                    TextCase{"not:a field é", "not:a field e"},
                    TextCase{"l'homme \"droits de l’homme\"", "l homme \"droits de l homme\""},
                    TextCase{"human 中国 rights", "human (中国) rights"},
                    TextCase{"人权。自由", "(人权)。(自由)"},
                    TextCase{"\"中国政府\" 人权",
                             "\"中国政府\" (人权)"},  // a phrase stays a phrase
                    TextCase{"title:人权 UN", "title:(人权) UN"},
                    TextCase{"인권 선언", "(인권) (선언)"}, TextCase{"الإعلانُ", "الاعلان"}));

}  // namespace
}  // namespace vigil::query
