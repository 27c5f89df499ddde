// Runs callbacks at deadlines on one thread of its own. Thread-safe.
// Used to give up waits (min_sequence) without blocking a gRPC thread.
#ifndef ACCORD_SHARED_SYNC_DEADLINE_TIMER_H_
#define ACCORD_SHARED_SYNC_DEADLINE_TIMER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace accord::sync {

class DeadlineTimer {
 public:
  DeadlineTimer();
  // Drops pending callbacks without running them and joins the thread.
  ~DeadlineTimer();
  DeadlineTimer(const DeadlineTimer&) = delete;
  DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  // Runs `callback` on the timer thread at `when` (at once if past). Returns
  // a handle for Cancel.
  uint64_t Schedule(absl::Time when, std::function<void()> callback);

  // True when the callback will never run; false when it ran or is running,
  // in which case this waits until it returned. REQUIRES: not called from that callback.
  bool Cancel(uint64_t handle);

 private:
  void Run();

  absl::Mutex mu_;
  absl::CondVar changed_;  // a schedule, a finished callback, or stopping
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t next_handle_ ABSL_GUARDED_BY(mu_) = 1;
  std::multimap<absl::Time, uint64_t> by_time_ ABSL_GUARDED_BY(mu_);
  std::map<uint64_t, std::pair<absl::Time, std::function<void()>>> pending_ ABSL_GUARDED_BY(mu_);
  uint64_t running_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace accord::sync

#endif  // ACCORD_SHARED_SYNC_DEADLINE_TIMER_H_
