// A fixed pool of worker threads running queued jobs in FIFO order. Used to
// keep blocking work (extraction, synced writes) off gRPC's callback threads.
// Thread-safe.
#ifndef ACCORD_SHARED_SYNC_THREAD_POOL_H_
#define ACCORD_SHARED_SYNC_THREAD_POOL_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace accord::sync {

class ThreadPool {
 public:
  // REQUIRES: threads >= 1.
  explicit ThreadPool(int threads);
  // Runs every job already queued, then joins the threads.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void Schedule(std::function<void()> job);

 private:
  void Work();

  absl::Mutex mu_;
  std::deque<std::function<void()>> jobs_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace accord::sync

#endif  // ACCORD_SHARED_SYNC_THREAD_POOL_H_
