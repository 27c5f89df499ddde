// The sequence a query replica has applied from the feed it follows, and the
// calls waiting (min_sequence) for it to pass a given one.
//
// Like sync::SequenceNotifier (the same contract for Subscribe, Cancel,
// Publish, Shutdown), plus Reset: the applied sequence can move BACK when the
// replica starts following another history (the ingest store was replaced,
// or restored to an earlier state). Its sequences then count that history's
// changes, and a waiter for sequence S must wait until the new history's S is
// applied, not be answered by the old history's S. Thread-safe; callbacks run
// without any lock of this class held. Header-only.
#ifndef ACCORD_QUERY_SERVICE_REPLICATION_APPLIED_SEQUENCE_H_
#define ACCORD_QUERY_SERVICE_REPLICATION_APPLIED_SEQUENCE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "absl/synchronization/mutex.h"

namespace accord::query {

class AppliedSequence {
 public:
  // `shutting_down` is true when called from Shutdown rather than Publish/Reset.
  using Callback = std::function<void(bool shutting_down)>;

  explicit AppliedSequence(uint64_t head) : head_(head) {}

  // Registers `callback` to run once the head passes `after`. Returns its
  // handle, or nullopt (and never calls it) when the head is already past
  // `after` or Shutdown was called: the caller goes on by itself.
  std::optional<uint64_t> Subscribe(uint64_t after, Callback callback) {
    absl::MutexLock lock(&mu_);
    if (shut_down_ || head_ > after) return std::nullopt;
    const uint64_t handle = next_handle_++;
    waiters_.emplace(handle, Waiter{after, std::move(callback)});
    return handle;
  }

  // Removes a subscription. True when its callback will never run; false when
  // it already ran or is running, in which case this waits until it returned.
  // REQUIRES: not called from that callback.
  bool Cancel(uint64_t handle) {
    absl::MutexLock lock(&mu_);
    if (waiters_.erase(handle) > 0) return true;
    while (running_.count(handle) > 0) done_.Wait(&mu_);
    return false;
  }

  // Records a higher head (a lower one is ignored) and runs the callbacks it satisfies.
  void Publish(uint64_t head) { Set(head, /*may_lower=*/false); }

  // Sets the head to `head`, lower than the current one too (another history
  // is followed from now on), and runs the callbacks it satisfies.
  void Reset(uint64_t head) { Set(head, /*may_lower=*/true); }

  // Runs every pending callback with shutting_down=true; later Subscribe calls return nullopt.
  void Shutdown() {
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

  uint64_t head() const {
    absl::MutexLock lock(&mu_);
    return head_;
  }
  bool shut_down() const {
    absl::MutexLock lock(&mu_);
    return shut_down_;
  }

 private:
  struct Waiter {
    uint64_t after;
    Callback callback;
  };

  void Set(uint64_t head, bool may_lower) {
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

  void RunAndRelease(std::map<uint64_t, Callback> ready, bool shutting_down) {
    for (auto& [handle, callback] : ready) {
      callback(shutting_down);
      absl::MutexLock lock(&mu_);
      running_.erase(handle);
      done_.SignalAll();
    }
  }

  mutable absl::Mutex mu_;
  absl::CondVar done_;
  uint64_t head_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t next_handle_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, Waiter> waiters_ ABSL_GUARDED_BY(mu_);
  std::set<uint64_t> running_ ABSL_GUARDED_BY(mu_);
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_REPLICATION_APPLIED_SEQUENCE_H_
