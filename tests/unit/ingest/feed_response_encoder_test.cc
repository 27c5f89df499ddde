#include "ingest_service/service/feed_response_encoder.h"

#include "accord/v1/ingest_service.pb.h"
#include "gtest/gtest.h"

namespace accord::ingest {
namespace {

using accord::v1::Change;
using accord::v1::WatchChangesResponse;

Change ArticleChange(uint64_t sequence, const std::string& text) {
  Change c;
  c.set_sequence(sequence);
  c.mutable_article()->set_id("a" + std::to_string(sequence));
  c.mutable_article()->set_text(text);
  return c;
}

TEST(FeedResponseEncoderTest, BytesAreThoseOfTheMessageBuiltFieldByField) {
  // A change over 127 bytes (two-byte length) and one over 16 KiB (three).
  const std::vector<Change> changes = {ArticleChange(7, "short"), ArticleChange(8, std::string(300, 'x')),
                                       ArticleChange(9, std::string(20000, 'y'))};
  WatchChangesResponse expected;
  std::vector<std::string> stored;
  for (const Change& c : changes) {
    *expected.add_changes() = c;
    stored.push_back(c.SerializeAsString());
  }
  expected.set_head_sequence(300);  // a two-byte varint
  expected.set_first_kept_sequence(1);
  expected.set_feed_id("feed-0123456789abcdef");

  const std::vector<std::string_view> views(stored.begin(), stored.end());
  const std::string encoded = EncodeWatchChangesResponse(views, {300, 1, "feed-0123456789abcdef"});
  EXPECT_EQ(encoded, expected.SerializeAsString());
  WatchChangesResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(encoded));
  ASSERT_EQ(parsed.changes_size(), 3);
  EXPECT_EQ(parsed.changes(2).article().text(), std::string(20000, 'y'));
  EXPECT_EQ(parsed.head_sequence(), 300u);
}

TEST(FeedResponseEncoderTest, ZeroFieldsAreLeftOutAsProtobufDoes) {
  EXPECT_EQ(EncodeWatchChangesResponse({}, {}), WatchChangesResponse().SerializeAsString());
  WatchChangesResponse only_head;
  only_head.set_head_sequence(1ull << 40);
  EXPECT_EQ(EncodeWatchChangesResponse({}, {1ull << 40, 0, ""}), only_head.SerializeAsString());
}

}  // namespace
}  // namespace accord::ingest
