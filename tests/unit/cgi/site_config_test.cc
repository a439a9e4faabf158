#include "cgi/site_config.h"

#include <gtest/gtest.h>

#include <string>

#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::cgi {
namespace {

TEST(SiteConfig, ReadsEveryKeyWithCommentsSpacesAndRepeatedDb) {
  const test::TempDir dir;
  const std::string path = dir.write("search.conf",
                                     "# the site's search\n"
                                     "db = /srv/a\n"
                                     "db=/srv/b,/srv/b2   # a shard with a replica\n"
                                     "\n"
                                     "  per-page = 20\n"
                                     "max-per-page = 40\r\n"
                                     "time-limit = 1.5\n"
                                     "remote-timeout = 4\n"
                                     "request-timeout = 12\n"
                                     "max-output-bytes = 1000000\n"
                                     "max-terms = 50\n"
                                     "max-query-bytes = 2048\n"
                                     "max-wildcard = 100\n"
                                     "bm25-k1 = 1.0\n"
                                     "bm25-b = 0.5\n"
                                     "recency = 30\n"
                                     "site-title = Rights = Archive\n"
                                     "header-file = /etc/vigil/header.html\n"
                                     "footer-file = /etc/vigil/footer.html\n"
                                     "stylesheet-file = /etc/vigil/site.css\n"
                                     "cors-origin = https://a.example  https://b.example\n"
                                     "public-url = https://example.org/search\n"
                                     "log-level = info\n");
  const SiteConfig config = load_site_config(path);
  EXPECT_EQ(config.dbs, (std::vector<std::string>{"/srv/a", "/srv/b,/srv/b2"}));
  EXPECT_EQ(config.per_page, 20);
  EXPECT_EQ(config.max_per_page, 40);
  EXPECT_DOUBLE_EQ(config.settings.time_limit, 1.5);
  EXPECT_DOUBLE_EQ(config.request_timeout, 12);
  EXPECT_EQ(config.max_output_bytes, 1000000U);
  EXPECT_EQ(config.settings.limits.max_terms, 50U);
  EXPECT_EQ(config.settings.limits.max_bytes, 2048U);
  EXPECT_EQ(config.settings.limits.max_wildcard, 100U);
  EXPECT_DOUBLE_EQ(config.settings.bm25_k1, 1.0);
  EXPECT_DOUBLE_EQ(config.settings.bm25_b, 0.5);
  EXPECT_DOUBLE_EQ(config.recency_days, 30);
  EXPECT_EQ(config.site_title, "Rights = Archive");
  EXPECT_EQ(config.header_file, "/etc/vigil/header.html");
  EXPECT_EQ(config.footer_file, "/etc/vigil/footer.html");
  EXPECT_EQ(config.stylesheet_file, "/etc/vigil/site.css");
  EXPECT_EQ(config.cors_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(config.public_url, "https://example.org/search");
  EXPECT_EQ(config.log_level, LogLevel::kInfo);
}

TEST(SiteConfig, DefaultsForWhatIsNotSet) {
  const test::TempDir dir;
  const SiteConfig config = load_site_config(dir.write("search.conf", "db = /srv/index\n"));
  const SiteConfig defaults;
  EXPECT_EQ(config.per_page, defaults.per_page);
  EXPECT_EQ(config.max_per_page, defaults.max_per_page);
  EXPECT_DOUBLE_EQ(config.settings.time_limit, 2.0);
  EXPECT_DOUBLE_EQ(config.request_timeout, defaults.request_timeout);
  EXPECT_EQ(config.max_output_bytes, defaults.max_output_bytes);
  EXPECT_EQ(config.site_title, "Vigil");
  EXPECT_TRUE(config.cors_origins.empty());
  EXPECT_EQ(config.log_level, LogLevel::kWarn);
}

struct BadCase {
  const char* content;
  const char* message;  // part of the error
};

class SiteConfigErrors : public testing::TestWithParam<BadCase> {};

TEST_P(SiteConfigErrors, NameTheFileAndTheProblem) {
  const test::TempDir dir;
  const std::string path = dir.write("search.conf", GetParam().content);
  try {
    load_site_config(path);
    FAIL() << "accepted: " << GetParam().content;
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find(GetParam().message), std::string::npos) << what;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, SiteConfigErrors,
    testing::Values(BadCase{"", "no 'db = DIR' line"},
                    BadCase{"# only a comment\n", "no 'db = DIR' line"},
                    BadCase{"db = x\ncolour = red\n", "line 2: unknown key 'colour'"},
                    BadCase{"db = x\njust words\n", "line 2 is not 'name = value'"},
                    BadCase{"db = x\n= 3\n", "line 2 is not 'name = value'"},
                    BadCase{"db = x\n[search]\n", "line 2 is not 'name = value'"},
                    BadCase{"db = x\nper-page = 5\nper-page = 6\n", "'per-page' is set twice"},
                    BadCase{"db = x\nper-page = ten\n", "per-page = 'ten' is not a whole number"},
                    BadCase{"db = x\nper-page = 5 pages\n", "is not a whole number"},
                    BadCase{"db = x\nmax-terms = -1\n", "max-terms = '-1' is not a whole number"},
                    BadCase{"db = x\nmax-terms = 99999999999999999999999\n", "in range"},
                    BadCase{"db = x\ntime-limit = soon\n", "time-limit = 'soon' is not a number"},
                    BadCase{"db = x\nper-page = 0\n", "per-page must be 1 to max-per-page"},
                    BadCase{"db = x\ntime-limit = 0\n", "time-limit must be more than 0"},
                    BadCase{"db = x\nbm25-b = 2\n", "bm25-b between 0 and 1"},
                    BadCase{"db = x\nlog-level = loud\n", "log-level 'loud'"}));

TEST(SiteConfig, AMissingFileSaysHowToConfigure) {
  const test::TempDir dir;
  try {
    load_site_config(dir.file("absent.conf"));
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot read the search configuration"),
              std::string::npos);
    EXPECT_NE(e.hint().find("VIGIL_CONFIG"), std::string::npos);
  }
}

}  // namespace
}  // namespace vigil::cgi
