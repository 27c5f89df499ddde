#include "shared/sync/thread_pool.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace accord::sync {
namespace {

TEST(ThreadPoolTest, RunsEveryJobBeforeItIsDestroyed) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(3);
    for (int i = 0; i < 1000; ++i) pool.Schedule([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 1000);
}

TEST(ThreadPoolTest, RunsJobsConcurrently) {
  ThreadPool pool(2);
  absl::Notification first_running, release;
  std::atomic<bool> second_ran{false};
  pool.Schedule([&] {
    first_running.Notify();
    release.WaitForNotification();
  });
  first_running.WaitForNotification();
  absl::Notification second_done;
  pool.Schedule([&] {
    second_ran = true;
    second_done.Notify();
  });
  // The second job runs while the first still blocks a worker.
  EXPECT_TRUE(second_done.WaitForNotificationWithTimeout(absl::Seconds(30)));
  EXPECT_TRUE(second_ran.load());
  release.Notify();
}

}  // namespace
}  // namespace accord::sync
