#include "entities/organisations.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace vigil::entities {
namespace {

const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::load(VIGIL_TEST_DATA_DIR);
  return g;
}

const OrganisationList& list() {
  static const OrganisationList l = OrganisationList::load(VIGIL_TEST_DATA_DIR);
  return l;
}

// id -> number of mentions.
std::map<std::string, std::size_t> orgs(const std::string& text) {
  std::map<std::string, std::size_t> out;
  for (const FoundOrganisation& o : find_organisations(text, list(), gazetteer())) {
    out[o.org.id] = o.mentions.size();
    for (const Mention& m : o.mentions) {
      EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text) << text;
    }
  }
  return out;
}

struct OrgCase {
  const char* name;
  const char* text;
  std::map<std::string, std::size_t> orgs;
};

class FindOrganisations : public testing::TestWithParam<OrgCase> {};

TEST_P(FindOrganisations, FindsExactlyThese) {
  EXPECT_EQ(orgs(GetParam().text), GetParam().orgs) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Texts, FindOrganisations,
    testing::Values(
        OrgCase{"ListedWithAcronym", "The United Nations said the UN would act.", {{"un", 2}}},
        OrgCase{"LongestNameWins", "the UN human rights office", {{"ohchr", 1}}},
        OrgCase{"SpellingVariants",
                "the Centre for Strategic and International Studies and the Center for "
                "Strategic and International Studies",
                {{"csis", 2}}},
        OrgCase{"AmbiguousAcronymAlone", "RSF said the journalists were detained.", {}},
        OrgCase{"AmbiguousAcronymSupported",
                "Reporters Without Borders (RSF) said so. RSF added that ...",
                {{"rsf", 3}}},
        OrgCase{"LowerCaseAcronymIsAWord", "un peu de tout", {}},
        OrgCase{"UnknownAcronymInRunningText",
                "Fighters of the KDP and the PUK met officials.",
                {{"x.kdp", 1}, {"x.puk", 1}}},
        OrgCase{"AcronymsThatAreWordsNumbersOrPlacesAreNot",
                "AIDS and GDP in the UK rose. It cost USD 40 million. Henry VIII and an A380.",
                {}},
        OrgCase{"HeadlinesInCapitalsAreNotAcronyms", "KDP FIGHTERS ADVANCE\nThey advanced.", {}},
        OrgCase{"CompanyByItsFactory",
                "Workers at the Aksu Huafu textile plant and at Huafu factories.",
                {{"x.aksu_huafu", 1}, {"x.huafu", 1}}},
        OrgCase{"PlaceOrWordBeforeAFactoryIsNoCompany",
                "The Xinjiang cotton farm, a Chinese factory. Textile plants closed.",
                {}},
        OrgCase{"DefinedAcronym",
                "the Centre for Global Policy (CGP) found that ... CGP researchers said",
                {{"x.center_for_global_policy", 3}}},
        OrgCase{"HeadNounLast",
                "a report by the Uyghur Tribunal and the Global Policy Council",
                {{"uyghur_tribunal", 1}, {"x.global_policy_council", 1}}},
        OrgCase{"HeadNounFirst",
                "the Ministry of Foreign Affairs said",
                {{"x.ministry_of_foreign_affairs", 1}}},
        OrgCase{"GovernmentOfAPlace",
                "the Chinese government and the Xinjiang government",
                {{"gov.cn", 1}, {"cn_xj_government", 1}}},
        OrgCase{"Nothing", "Workers were sent to factories far from home.", {}}),
    [](const testing::TestParamInfo<OrgCase>& param) { return std::string(param.param.name); });

TEST(Organisations, KeysUnifySpellings) {
  EXPECT_EQ(org_key("Centre for Global Policy"), org_key("Center for Global Policy"));
  EXPECT_EQ(org_key("International Labour Organisation"),
            org_key("International Labor Organization"));
}

}  // namespace
}  // namespace vigil::entities
