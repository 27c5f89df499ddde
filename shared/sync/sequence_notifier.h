// Wakes waiters when a sequence number (a feed head, a replica's applied
// sequence) moves past what they wait for. Thread-safe.
//
// A reader that has sent everything up to `after` calls Subscribe(after, cb);
// cb runs once, on the thread that publishes a head > after (or that calls
// Shutdown), without any lock of this class held.
#ifndef ACCORD_SHARED_SYNC_SEQUENCE_NOTIFIER_H_
#define ACCORD_SHARED_SYNC_SEQUENCE_NOTIFIER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "absl/synchronization/mutex.h"

namespace accord::sync {

class SequenceNotifier {
 public:
  // `shutting_down` is true when called from Shutdown rather than Publish.
  using Callback = std::function<void(bool shutting_down)>;

  explicit SequenceNotifier(uint64_t head) : head_(head) {}

  // Registers `callback` to run once the head passes `after`. Returns its
  // handle, or nullopt (and never calls it) when the head is already past
  // `after` or the notifier is shut down: the caller goes on by itself.
  std::optional<uint64_t> Subscribe(uint64_t after, Callback callback);

  // Removes a subscription. Returns true when its callback will never run;
  // false when it already ran or is running, in which case this waits until
  // it has returned. REQUIRES: not called from that callback.
  bool Cancel(uint64_t handle);

  // Records a higher head (a lower one is ignored) and runs the callbacks it satisfies.
  void Publish(uint64_t head) { Set(head, /*may_lower=*/false); }

  // Sets the head to `head`, lower than the current one too (a follower that
  // starts over on another history: its waiters must wait for that history's
  // sequences), and runs the callbacks it satisfies.
  void Reset(uint64_t head) { Set(head, /*may_lower=*/true); }

  // Runs every pending callback with shutting_down=true; later Subscribe calls return nullopt.
  void Shutdown();

  uint64_t head() const;
  bool shut_down() const;

 private:
  struct Waiter {
    uint64_t after;
    Callback callback;
  };
  void Set(uint64_t head, bool may_lower);
  void RunAndRelease(std::map<uint64_t, Callback> ready, bool shutting_down);

  mutable absl::Mutex mu_;
  absl::CondVar done_;
  uint64_t head_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t next_handle_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, Waiter> waiters_ ABSL_GUARDED_BY(mu_);
  std::set<uint64_t> running_ ABSL_GUARDED_BY(mu_);
};

}  // namespace accord::sync

#endif  // ACCORD_SHARED_SYNC_SEQUENCE_NOTIFIER_H_
