// Follows the ingest service's WatchChanges feed into a ReplicaSet, on a
// thread of its own.
//
// Each response's changes are applied in one WriteBatch with the new applied
// sequence, so a restart resumes right after what was applied. When the
// ingest service is down or restarts, the serving store keeps answering and
// the follower reconnects with jittered exponential backoff. A sequence gap,
// or OUT_OF_RANGE from the feed, starts a rebuild from sequence 0 into a
// fresh store; the old store serves until the fresh one has caught up with
// the feed's head, then the fresh one takes over. Thread-safe.
#ifndef ACCORD_QUERY_SERVICE_REPLICATION_FEED_FOLLOWER_H_
#define ACCORD_QUERY_SERVICE_REPLICATION_FEED_FOLLOWER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "grpcpp/channel.h"
#include "query_service/replication/replica_set.h"

namespace accord::query {

struct FollowerOptions {
  absl::Duration min_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  // Most changes per feed response; 0 = the ingest service's default.
  uint32_t max_batch = 0;
  // Presented as "authorization: Bearer TOKEN" on the feed; empty = none.
  std::string bearer_token;
};

class FeedFollower {
 public:
  // Borrows `replicas`; it must outlive the follower. `channel` reaches the ingest service.
  FeedFollower(ReplicaSet* replicas, std::shared_ptr<grpc::Channel> channel, FollowerOptions options);
  // Stops if running.
  ~FeedFollower();

  // `callback` runs once, on the follower's thread, the first time the
  // serving store has caught up with the feed's head. REQUIRES: before Start.
  void OnCaughtUp(std::function<void()> callback) { on_caught_up_ = std::move(callback); }

  void Start();
  // Cancels the feed stream and joins the thread. Idempotent.
  void Stop();

  bool caught_up() const;

 private:
  void Run();
  // Sleeps for `d` unless Stop comes first; returns false when stopping.
  bool SleepUnlessStopped(absl::Duration d);

  ReplicaSet* replicas_;
  std::unique_ptr<accord::v1::IngestService::Stub> stub_;
  FollowerOptions options_;
  std::function<void()> on_caught_up_;
  std::thread thread_;
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool caught_up_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* active_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_REPLICATION_FEED_FOLLOWER_H_
