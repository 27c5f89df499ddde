#include "ingest_service/core/article_validator.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace accord::ingest {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::StatusIs;
using ::testing::HasSubstr;

accord::v1::Article Valid() {
  accord::v1::Article a;
  a.set_text("Cambodia and Vietnam signed a plan.");
  a.set_url("https://example.org/news/1");
  a.mutable_published_on()->set_year(2024);
  a.mutable_published_on()->set_month(2);
  a.mutable_published_on()->set_day(29);
  return a;
}

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(ArticleValidatorTest, AcceptsAValidArticle) {
  EXPECT_THAT(ValidateArticle(Valid(), ArticleLimits()), IsOk());
  accord::v1::Article no_url = Valid();
  no_url.clear_url();
  no_url.clear_published_on();
  EXPECT_THAT(ValidateArticle(no_url, ArticleLimits()), IsOk());
}

TEST(ArticleValidatorTest, RejectsEmptyOrBlankText) {
  accord::v1::Article a = Valid();
  a.set_text("");
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.text: must not be empty")));
  a.set_text(" \n\t ");
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.text")));
}

TEST(ArticleValidatorTest, RejectsTextOverTheLimitByOneByte) {
  ArticleLimits limits;
  limits.max_text_bytes = 100;
  accord::v1::Article a = Valid();
  a.set_text(std::string(100, 'x'));
  EXPECT_THAT(ValidateArticle(a, limits), IsOk());
  a.set_text(std::string(101, 'x'));
  EXPECT_THAT(ValidateArticle(a, limits), StatusIs(kInvalid, HasSubstr("article.text: 101 bytes exceeds the limit")));
}

TEST(ArticleValidatorTest, RejectsInvalidUtf8NamingTheField) {
  accord::v1::Article a = Valid();
  a.set_text(std::string("ok \xFF bad"));
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.text: invalid UTF-8 at byte 3")));
  a = Valid();
  a.set_title(std::string("\xC3"));
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.title")));
}

TEST(ArticleValidatorTest, RejectsNulCharactersNamingTheField) {
  accord::v1::Article a = Valid();
  a.set_text(std::string("Cambodia\0 and Vietnam", 22));
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()),
              StatusIs(kInvalid, HasSubstr("article.text: contains a NUL character at byte 8")));
  a = Valid();
  a.set_title(std::string("\0", 1));
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.title: contains a NUL")));
  a = Valid();
  a.set_source(std::string("Khmer Times\0", 12));
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.source: contains a NUL")));
  a = Valid();
  a.set_url(std::string("https://example.org/\0", 21));
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.url")));
}

TEST(ArticleValidatorTest, RejectsUrlsThatAreNotHttp) {
  for (const char* url : {"ftp://example.org/x", "javascript:alert(1)", "example.org/x", "https://", "http://bad host/",
                          "https://example.org/a\x7F", "https://example.org/a\tb"}) {
    accord::v1::Article a = Valid();
    a.set_url(url);
    EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.url"))) << url;
  }
  accord::v1::Article a = Valid();
  a.set_url("HTTP://Example.org:8080/a?b=c#d");
  EXPECT_THAT(ValidateArticle(a, ArticleLimits()), IsOk());
}

TEST(ArticleValidatorTest, RejectsImpossibleDates) {
  struct Case {
    int y, m, d;
  };
  for (const Case& c : {Case{2023, 2, 29}, Case{2024, 13, 1}, Case{2024, 4, 31}, Case{2024, 0, 5}, Case{0, 3, 0},
                        Case{1200, 1, 1}, Case{2024, -1, 0}}) {
    accord::v1::Article a = Valid();
    a.mutable_published_on()->set_year(c.y);
    a.mutable_published_on()->set_month(c.m);
    a.mutable_published_on()->set_day(c.d);
    EXPECT_THAT(ValidateArticle(a, ArticleLimits()), StatusIs(kInvalid, HasSubstr("article.published_on")))
        << c.y << "-" << c.m << "-" << c.d;
  }
  accord::v1::Article partial = Valid();
  partial.mutable_published_on()->set_day(0);
  partial.mutable_published_on()->set_month(0);
  EXPECT_THAT(ValidateArticle(partial, ArticleLimits()), IsOk());  // "some time in 2024"
}

}  // namespace
}  // namespace accord::ingest
