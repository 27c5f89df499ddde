#include "shared/sync/sequence_notifier.h"

#include <utility>

namespace accord::sync {

std::optional<uint64_t> SequenceNotifier::Subscribe(uint64_t after, Callback callback) {
  absl::MutexLock lock(&mu_);
  if (shut_down_ || head_ > after) return std::nullopt;
  const uint64_t handle = next_handle_++;
  waiters_.emplace(handle, Waiter{after, std::move(callback)});
  return handle;
}

bool SequenceNotifier::Cancel(uint64_t handle) {
  absl::MutexLock lock(&mu_);
  if (waiters_.erase(handle) > 0) return true;
  while (running_.count(handle) > 0) done_.Wait(&mu_);
  return false;
}

void SequenceNotifier::Set(uint64_t head, bool may_lower) {
  std::map<uint64_t, Callback> ready;
  {
    absl::MutexLock lock(&mu_);
    if (head == head_ || (head < head_ && !may_lower)) return;
    head_ = head;
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.after < head) {
        running_.insert(it->first);
        ready.emplace(it->first, std::move(it->second.callback));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  RunAndRelease(std::move(ready), /*shutting_down=*/false);
}

void SequenceNotifier::Shutdown() {
  std::map<uint64_t, Callback> ready;
  {
    absl::MutexLock lock(&mu_);
    shut_down_ = true;
    for (auto& [handle, waiter] : waiters_) {
      running_.insert(handle);
      ready.emplace(handle, std::move(waiter.callback));
    }
    waiters_.clear();
  }
  RunAndRelease(std::move(ready), /*shutting_down=*/true);
}

void SequenceNotifier::RunAndRelease(std::map<uint64_t, Callback> ready, bool shutting_down) {
  for (auto& [handle, callback] : ready) {
    callback(shutting_down);
    absl::MutexLock lock(&mu_);
    running_.erase(handle);
    done_.SignalAll();
  }
}

uint64_t SequenceNotifier::head() const {
  absl::MutexLock lock(&mu_);
  return head_;
}

bool SequenceNotifier::shut_down() const {
  absl::MutexLock lock(&mu_);
  return shut_down_;
}

}  // namespace accord::sync
