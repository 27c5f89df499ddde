#include "shared/sync/sequence_notifier.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace accord::sync {
namespace {

TEST(SequenceNotifierTest, CallsBackOncePastTheSequence) {
  SequenceNotifier n(5);
  int calls = 0;
  bool shutting_down = true;
  auto handle = n.Subscribe(5, [&](bool s) {
    ++calls;
    shutting_down = s;
  });
  ASSERT_TRUE(handle.has_value());
  n.Publish(5);  // not past 5
  EXPECT_EQ(calls, 0);
  n.Publish(6);
  n.Publish(7);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(shutting_down);
  EXPECT_FALSE(n.Cancel(*handle));  // already ran
}

TEST(SequenceNotifierTest, SubscribeReturnsNothingWhenAlreadyPast) {
  SequenceNotifier n(5);
  EXPECT_FALSE(n.Subscribe(4, [](bool) { FAIL(); }).has_value());
  n.Shutdown();
  EXPECT_FALSE(n.Subscribe(10, [](bool) { FAIL(); }).has_value());
}

TEST(SequenceNotifierTest, CancelledCallbackNeverRuns) {
  SequenceNotifier n(0);
  auto handle = n.Subscribe(0, [](bool) { FAIL(); });
  ASSERT_TRUE(handle.has_value());
  EXPECT_TRUE(n.Cancel(*handle));
  n.Publish(1);
}

TEST(SequenceNotifierTest, ShutdownRunsPendingCallbacks) {
  SequenceNotifier n(0);
  bool shutting_down = false;
  ASSERT_TRUE(n.Subscribe(0, [&](bool s) { shutting_down = s; }).has_value());
  n.Shutdown();
  EXPECT_TRUE(shutting_down);
  EXPECT_TRUE(n.shut_down());
}

TEST(SequenceNotifierTest, CancelWaitsForARunningCallback) {
  SequenceNotifier n(0);
  absl::Notification entered, release;
  std::atomic<bool> finished{false};
  auto handle = n.Subscribe(0, [&](bool) {
    entered.Notify();
    release.WaitForNotification();
    finished = true;
  });
  std::thread publisher([&] { n.Publish(1); });
  entered.WaitForNotification();
  std::thread releaser([&] { release.Notify(); });
  EXPECT_FALSE(n.Cancel(*handle));
  EXPECT_TRUE(finished.load());  // Cancel returned only after the callback did
  publisher.join();
  releaser.join();
}

}  // namespace
}  // namespace accord::sync

namespace accord::sync {
namespace {

TEST(SequenceNotifierResetTest, ResetLowersTheHeadAndWaitersWaitForTheNewHistory) {
  SequenceNotifier notifier(1800);
  notifier.Publish(900);  // Publish never lowers
  EXPECT_EQ(notifier.head(), 1800u);
  notifier.Reset(0);  // another history from now on
  EXPECT_EQ(notifier.head(), 0u);
  int woken = 0;
  ASSERT_TRUE(notifier.Subscribe(949, [&](bool) { ++woken; }).has_value());  // waits for 950
  notifier.Reset(900);
  EXPECT_EQ(woken, 0);
  notifier.Publish(950);
  EXPECT_EQ(woken, 1);
}

}  // namespace
}  // namespace accord::sync
