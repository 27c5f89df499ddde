#include "query_service/replication/stream_read_ahead.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.pb.h"
#include "gtest/gtest.h"

namespace accord::query {
namespace {

using accord::v1::WatchChangesResponse;

// A stream of `count` responses (head_sequence 1..count); after that, Read
// blocks until `release` is notified (a live feed waiting for changes).
class FakeStream : public grpc::ClientReaderInterface<WatchChangesResponse> {
 public:
  explicit FakeStream(int count) : count_(count) {}

  bool Read(WatchChangesResponse* out) override {
    const int n = ++reads_;
    if (n > count_) {
      release.WaitForNotification();
      return false;
    }
    out->set_head_sequence(static_cast<uint64_t>(n));
    return true;
  }
  bool NextMessageSize(uint32_t* size) override {
    *size = 0;
    return true;
  }
  void WaitForInitialMetadata() override {}
  grpc::Status Finish() override { return grpc::Status::OK; }

  int reads() const { return reads_.load(); }
  absl::Notification release;

 private:
  const int count_;
  std::atomic<int> reads_{0};
};

TEST(StreamReadAheadTest, DeliversEveryResponseInOrderThenEnds) {
  FakeStream stream(5);
  stream.release.Notify();
  grpc::ClientContext context;
  StreamReadAhead<WatchChangesResponse> ahead(&context, &stream, 2);
  WatchChangesResponse r;
  for (uint64_t want = 1; want <= 5; ++want) {
    ASSERT_TRUE(ahead.Next(&r));
    EXPECT_EQ(r.head_sequence(), want);
  }
  EXPECT_FALSE(ahead.Next(&r));
}

TEST(StreamReadAheadTest, ReadsAtMostDepthAheadOfTheConsumer) {
  FakeStream stream(100);
  stream.release.Notify();
  grpc::ClientContext context;
  StreamReadAhead<WatchChangesResponse> ahead(&context, &stream, 2);
  absl::SleepFor(absl::Milliseconds(100));  // time to run ahead, if it would
  // Two queued, plus the one read and waiting for room.
  EXPECT_LE(stream.reads(), 3);
  WatchChangesResponse r;
  ASSERT_TRUE(ahead.Next(&r));
  EXPECT_EQ(r.head_sequence(), 1u);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_LE(stream.reads(), 4);
}

TEST(StreamReadAheadTest, CloseCancelsALiveStreamAndReturnsWhileReadBlocks) {
  FakeStream stream(1);
  grpc::ClientContext context;
  StreamReadAhead<WatchChangesResponse> ahead(&context, &stream, 2);
  WatchChangesResponse r;
  ASSERT_TRUE(ahead.Next(&r));
  // The reader now blocks in Read, as on a live feed with nothing new. A real
  // stream's Read returns once the context is cancelled; the fake returns
  // when released, which the test does once Close has asked to cancel.
  std::thread closer([&] { ahead.Close(); });
  absl::SleepFor(absl::Milliseconds(50));
  stream.release.Notify();
  closer.join();
  EXPECT_FALSE(ahead.Next(&r));
}

}  // namespace
}  // namespace accord::query
