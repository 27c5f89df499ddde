#include "query_service/replication/feed_follower.h"

#include <random>

#include "query_service/replication/stream_read_ahead.h"
#include "shared/log/log.h"

namespace accord::query {
namespace {

// Feed responses received and parsed ahead of the one being applied.
constexpr size_t kReadAheadResponses = 2;

}  // namespace

FeedFollower::FeedFollower(ReplicaSet* replicas, std::shared_ptr<grpc::Channel> channel, FollowerOptions options)
    : replicas_(replicas), stub_(accord::v1::IngestService::NewStub(channel)), options_(options) {}

FeedFollower::~FeedFollower() { Stop(); }

void FeedFollower::Start() { thread_ = std::thread([this] { Run(); }); }

void FeedFollower::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (active_ != nullptr) active_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

bool FeedFollower::caught_up() const {
  absl::MutexLock lock(&mu_);
  return caught_up_;
}

bool FeedFollower::SleepUnlessStopped(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), d);
  return !stopping_;
}

void FeedFollower::Run() {
  std::mt19937_64 rng(std::random_device{}());
  absl::Duration backoff = options_.min_backoff;
  std::shared_ptr<ReplicaStore> target = replicas_->serving();  // the store changes are applied to
  bool rebuilding = false;
  bool history_checked = false;  // while rebuilding: whether the serving store's history was compared with the feed's
  while (true) {
    grpc::ClientContext context;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      active_ = &context;
    }
    if (!options_.bearer_token.empty()) context.AddMetadata("authorization", "Bearer " + options_.bearer_token);
    accord::v1::WatchChangesRequest request;
    request.set_after_sequence(target->applied_sequence());
    request.set_max_batch(options_.max_batch);
    request.set_feed_id(target->feed_id());
    auto reader = stub_->WatchChanges(&context, request);
    accord::v1::WatchChangesResponse response;
    bool gap = false;
    // Ended (and cancelled, if applying stopped early) before Finish.
    StreamReadAhead<accord::v1::WatchChangesResponse> responses(&context, reader.get(), kReadAheadResponses);
    while (responses.Next(&response)) {
      backoff = options_.min_backoff;
      if (rebuilding && !history_checked) {
        history_checked = true;
        // A serving store of another history (another feed id, or ahead of
        // this feed's head: the ingest store was replaced or restored) holds
        // none of this feed's sequences: min_sequence waits for the switch.
        const std::shared_ptr<ReplicaStore> serving = replicas_->serving();
        if (serving->applied_sequence() > 0 && (serving->feed_id() != response.feed_id() ||
                                                serving->applied_sequence() > response.head_sequence())) {
          ACCORD_LOG(Warning) << "feed: the serving store holds another history (feed " << serving->feed_id()
                              << " at " << serving->applied_sequence() << "; the feed is " << response.feed_id()
                              << " at " << response.head_sequence()
                              << "); min_sequence waits for the rebuilt store";
          replicas_->applied().Reset(0);
        }
      }
      if (absl::Status s = target->Apply(response.feed_id(), response.changes()); !s.ok()) {
        ACCORD_LOG(Error) << "feed: cannot apply changes: " << s;
        gap = absl::IsFailedPrecondition(s);
        context.TryCancel();
        break;
      }
      if (!rebuilding) replicas_->applied().Publish(target->applied_sequence());
      if (target->applied_sequence() < response.head_sequence()) continue;
      if (rebuilding) {
        if (absl::Status s = replicas_->SwitchTo(target); !s.ok()) {
          ACCORD_LOG(Error) << "feed: cannot switch to the rebuilt store: " << s;
          context.TryCancel();
          break;
        }
        rebuilding = false;
      }
      bool first = false;
      {
        absl::MutexLock lock(&mu_);
        first = !caught_up_;
        caught_up_ = true;
      }
      if (first) {
        ACCORD_LOG(Info) << "feed: caught up at sequence " << target->applied_sequence();
        if (on_caught_up_) on_caught_up_();
      }
    }
    responses.Close();
    const grpc::Status status = reader->Finish();
    {
      absl::MutexLock lock(&mu_);
      active_ = nullptr;
      if (stopping_) return;
    }
    if (gap || status.error_code() == grpc::StatusCode::OUT_OF_RANGE) {
      ACCORD_LOG(Warning) << "feed: " << (gap ? "sequence gap" : status.error_message())
                          << "; rebuilding from sequence 0 while the current store keeps serving";
      absl::StatusOr<std::shared_ptr<ReplicaStore>> fresh = replicas_->CreateFresh();
      if (fresh.ok()) {
        target = std::move(*fresh);
        rebuilding = true;
        history_checked = false;
        continue;
      }
      ACCORD_LOG(Error) << "feed: cannot create a fresh store: " << fresh.status();
    } else if (!status.ok()) {
      ACCORD_LOG(Warning) << "feed: stream ended: " << status.error_message() << " (code " << status.error_code()
                          << "); reconnecting in " << backoff;
    }
    // Full jitter on the backoff, so many replicas do not reconnect in step.
    std::uniform_real_distribution<double> jitter(0.5, 1.0);
    if (!SleepUnlessStopped(backoff * jitter(rng))) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

}  // namespace accord::query
