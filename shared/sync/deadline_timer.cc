#include "shared/sync/deadline_timer.h"

#include "absl/time/clock.h"

namespace accord::sync {

DeadlineTimer::DeadlineTimer() : thread_([this] { Run(); }) {}

DeadlineTimer::~DeadlineTimer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    changed_.SignalAll();
  }
  thread_.join();
}

uint64_t DeadlineTimer::Schedule(absl::Time when, std::function<void()> callback) {
  absl::MutexLock lock(&mu_);
  const uint64_t handle = next_handle_++;
  by_time_.emplace(when, handle);
  pending_.emplace(handle, std::make_pair(when, std::move(callback)));
  changed_.SignalAll();
  return handle;
}

bool DeadlineTimer::Cancel(uint64_t handle) {
  absl::MutexLock lock(&mu_);
  auto it = pending_.find(handle);
  if (it != pending_.end()) {
    auto range = by_time_.equal_range(it->second.first);
    for (auto t = range.first; t != range.second; ++t) {
      if (t->second == handle) {
        by_time_.erase(t);
        break;
      }
    }
    pending_.erase(it);
    return true;
  }
  while (running_ == handle) changed_.Wait(&mu_);
  return false;
}

void DeadlineTimer::Run() {
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    const absl::Time now = absl::Now();
    if (by_time_.empty() || by_time_.begin()->first > now) {
      const absl::Time wake = by_time_.empty() ? now + absl::Seconds(1) : by_time_.begin()->first;
      changed_.WaitWithDeadline(&mu_, std::min(wake, now + absl::Seconds(1)));
      continue;
    }
    const uint64_t handle = by_time_.begin()->second;
    by_time_.erase(by_time_.begin());
    std::function<void()> callback = std::move(pending_[handle].second);
    pending_.erase(handle);
    running_ = handle;
    mu_.Unlock();
    callback();
    mu_.Lock();
    running_ = 0;
    changed_.SignalAll();
  }
}

}  // namespace accord::sync
