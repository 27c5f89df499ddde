#include "shared/sync/admission_limit.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace accord::sync {
namespace {

TEST(AdmissionLimitTest, RefusesBeyondTheLimitAndAdmitsAgainOnRelease) {
  AdmissionLimit limit(2);
  auto a = limit.TryAcquire();
  auto b = limit.TryAcquire();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(limit.TryAcquire(), nullptr);
  EXPECT_EQ(limit.held(), 2u);
  a.reset();
  EXPECT_EQ(limit.held(), 1u);
  EXPECT_NE(limit.TryAcquire(), nullptr);
}

TEST(AdmissionLimitTest, NeverAdmitsMoreThanTheLimitUnderContention) {
  AdmissionLimit limit(3);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        auto ticket = limit.TryAcquire();
        if (ticket == nullptr) continue;
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 1);
  EXPECT_EQ(limit.held(), 0u);
}

}  // namespace
}  // namespace accord::sync
