#include "ingest_service/core/article_identity.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace accord::ingest {
namespace {

using ::accord::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ArticleIdentityTest, IdIsStableAndHex) {
  const std::string id = ArticleIdFor("https://example.org/a", "text");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(id, ArticleIdFor("https://example.org/a", "other text"));  // the URL decides
}

TEST(ArticleIdentityTest, UrlVariantsOfOneArticleShareAnId) {
  EXPECT_EQ(ArticleIdFor("https://Example.ORG/a/", ""), ArticleIdFor("https://example.org/a#comments", ""));
  EXPECT_NE(ArticleIdFor("https://example.org/A", ""), ArticleIdFor("https://example.org/a", ""));
}

TEST(ArticleIdentityTest, WithoutUrlTheTextDecides) {
  EXPECT_EQ(ArticleIdFor("", "same text"), ArticleIdFor("", "same text"));
  EXPECT_NE(ArticleIdFor("", "same text"), ArticleIdFor("", "same text."));
  EXPECT_NE(ArticleIdFor("", "https://x"), ArticleIdFor("https://x", ""));
}

TEST(ArticleIdentityTest, ParsesNames) {
  EXPECT_EQ(*ParseArticleName("articles/0123abcd", "name"), "0123abcd");
  EXPECT_THAT(ParseArticleName("", "name"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name: required")));
  for (const char* bad : {"officials/x", "articles/", "articles/UPPER", "articles/a/b", "articles/a b"}) {
    EXPECT_THAT(ParseArticleName(bad, "name"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name:")))
        << bad;
  }
}

}  // namespace
}  // namespace accord::ingest
