#include <gtest/gtest.h>
#include <simdjson.h>

#include "render/render.h"

namespace vigil::render {
namespace {

search::Hit sample() {
  search::Hit hit;
  hit.rank = 3;
  hit.score = 7.5;
  hit.key = "k1";
  hit.url = "https://example.org/a?x=1,2";
  hit.title = "Say \"no\", again";
  hit.date = "2021-06";
  hit.organisations = {{"un", "United Nations"}, {"x.hrw", "Human Rights Watch"}};
  hit.places = {{"cn.13", "Xinjiang"}};
  hit.snippet_html = "<mark>not</mark> exported";
  return hit;
}

TEST(Export, CsvQuotesEveryCellAndEndsWithCrlf) {
  EXPECT_EQ(csv_header(), "rank,id,url,title,date,source,organisations,places,score\r\n");
  EXPECT_EQ(csv_row(sample()),
            "3,\"k1\",\"https://example.org/a?x=1,2\",\"Say \"\"no\"\", again\",\"2021-06\",\"\","
            "\"United Nations; Human Rights Watch\",\"Xinjiang\",7.5\r\n");
}

TEST(Export, CsvDefusesSpreadsheetFormulas) {
  for (const char* title : {"=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)"}) {
    search::Hit hit = sample();
    hit.title = title;
    const std::string row = csv_row(hit);
    EXPECT_NE(row.find(",\"'" + std::string(title).substr(0, 1)), std::string::npos) << row;
  }
}

TEST(Export, JsonlIsOneObjectPerLineWithoutHtml) {
  const std::string line = jsonl_row(sample());
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  simdjson::dom::parser parser;
  const simdjson::dom::element row = parser.parse(line);
  EXPECT_EQ(std::string_view(row["id"]), "k1");
  EXPECT_EQ(std::string_view(row["title"]), "Say \"no\", again");
  EXPECT_EQ(row.at_key("snippet_html").error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(std::string_view(row["places"].at(0)["value"]), "cn.13");
}

}  // namespace
}  // namespace vigil::render
