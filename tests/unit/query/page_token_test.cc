#include "query_service/query/page_token.h"

#include "absl/strings/escaping.h"
#include "accord/v1/query_service.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace accord::query {
namespace {

using ::accord::testing::StatusIs;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(PageTokenTest, RoundTripsTheCursorForTheSameFilters) {
  PageTokenCodec codec(absl::Hours(1));
  accord::v1::ListOfficialsRequest filters;
  filters.set_country_code("KH");
  const std::string token = codec.Encode(filters, std::string("key\0with\xFF bytes", 16));
  auto decoded = codec.Decode(token, filters);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, std::string("key\0with\xFF bytes", 16));
}

TEST(PageTokenTest, RejectsForgedAlteredForeignAndStaleTokens) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  PageTokenCodec codec(absl::Hours(1), [&] { return now; });
  accord::v1::ListOfficialsRequest filters;
  filters.set_country_code("KH");
  const std::string token = codec.Encode(filters, "cursor");

  for (const std::string& forged :
       std::vector<std::string>{"", "not base64 !!", "AAAA", absl::WebSafeBase64Escape("random bytes here")}) {
    EXPECT_THAT(codec.Decode(forged, filters), StatusIs(kInvalid, HasSubstr("page_token:"))) << forged;
  }
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  raw[raw.size() / 2] ^= 1;
  EXPECT_THAT(codec.Decode(absl::WebSafeBase64Escape(raw), filters), StatusIs(kInvalid, HasSubstr("altered")));

  accord::v1::ListOfficialsRequest other = filters;
  other.set_country_code("VN");
  EXPECT_THAT(codec.Decode(token, other), StatusIs(kInvalid, HasSubstr("other filters")));
  accord::v1::ListCooperationPlansRequest other_type;
  EXPECT_THAT(codec.Decode(token, other_type), StatusIs(kInvalid, HasSubstr("other filters")));

  now += absl::Hours(2);
  EXPECT_THAT(codec.Decode(token, filters), StatusIs(kInvalid, HasSubstr("stale")));
}

// The checksum is no secret, so a token can claim any issue time: one from
// far ahead would never go stale. A little clock skew between replicas is fine.
TEST(PageTokenTest, RejectsTokensIssuedInTheFuture) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  PageTokenCodec reader(absl::Hours(1), [&] { return now; });
  accord::v1::ListOfficialsRequest filters;
  absl::Time issued = now + absl::Minutes(4);
  PageTokenCodec skewed(absl::Hours(1), [&] { return issued; });
  EXPECT_TRUE(reader.Decode(skewed.Encode(filters, "cursor"), filters).ok());
  for (const absl::Duration ahead : {absl::Minutes(6), absl::Hours(24 * 365 * 1000)}) {
    issued = now + ahead;
    EXPECT_THAT(reader.Decode(skewed.Encode(filters, "cursor"), filters),
                StatusIs(kInvalid, HasSubstr("page_token: claims to be issued in the future")));
  }
}

}  // namespace
}  // namespace accord::query
