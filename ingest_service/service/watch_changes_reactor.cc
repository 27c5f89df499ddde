#include "ingest_service/service/watch_changes_reactor.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ingest_service/service/feed_response_encoder.h"
#include "shared/rpc/grpc_status.h"

namespace accord::ingest {

WatchChangesReactor::WatchChangesReactor(IngestStore* store, uint64_t after_sequence,
                                         const std::string& caller_feed_id, FeedOptions feed,
                                         std::unique_ptr<sync::AdmissionLimit::Ticket> ticket)
    : store_(store), feed_(feed), ticket_(std::move(ticket)), sent_through_(after_sequence) {
  if (!caller_feed_id.empty() && caller_feed_id != store_->feed_id()) {
    absl::MutexLock lock(&mu_);
    // Quote at most 64 bytes of what the caller sent: a status travels in one
    // header block, and a huge one would break the connection it shares.
    const std::string quoted = caller_feed_id.size() <= 64
                                   ? caller_feed_id
                                   : absl::StrCat(caller_feed_id.substr(0, 64), "... (", caller_feed_id.size(), " bytes)");
    FinishLocked(grpc::Status(grpc::StatusCode::OUT_OF_RANGE,
                              absl::StrCat("feed_id ", quoted, " is not this feed (", store_->feed_id(),
                                           "): the ingest store was replaced; rebuild from 0")));
    return;
  }
  SendNext();
}

void WatchChangesReactor::SendNext() {
  absl::MutexLock lock(&mu_);
  subscription_.reset();
  while (!finished_) {
    if (cancelled_) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the feed"));
      return;
    }
    if (store_->notifier().shut_down()) {
      FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the ingest service is shutting down; reconnect"));
      return;
    }
    absl::StatusOr<std::vector<IngestStore::StoredChange>> changes =
        store_->ReadStoredChanges(sent_through_, feed_.max_batch, feed_.max_response_bytes);
    if (!changes.ok()) {
      FinishLocked(rpc::ToGrpcStatus(changes.status()));
      return;
    }
    if (changes->empty() && first_sent_) {
      subscription_ = store_->notifier().Subscribe(sent_through_, [this](bool) { SendNext(); });
      if (subscription_.has_value()) return;  // called again when the head moves
      continue;                               // it moved meanwhile: read again
    }
    std::vector<std::string_view> bytes;
    bytes.reserve(changes->size());
    for (const IngestStore::StoredChange& change : *changes) bytes.push_back(change.bytes);
    if (!changes->empty()) sent_through_ = changes->back().sequence;
    const std::string feed_id = store_->feed_id();
    const std::string encoded = EncodeWatchChangesResponse(
        bytes, {store_->head_sequence(), store_->first_kept_sequence(), feed_id});
    grpc::Slice slice(encoded);
    response_ = grpc::ByteBuffer(&slice, 1);
    first_sent_ = true;
    StartWrite(&response_);
    return;
  }
}

void WatchChangesReactor::OnWriteDone(bool ok) {
  if (!ok) {
    absl::MutexLock lock(&mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the feed's client went away"));
    return;
  }
  SendNext();
}

void WatchChangesReactor::OnCancel() {
  std::optional<uint64_t> subscription;
  {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
    subscription = subscription_;
  }
  // Waiting for new changes: nobody else will finish the call, so finish it here.
  if (subscription.has_value() && store_->notifier().Cancel(*subscription)) {
    absl::MutexLock lock(&mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the feed"));
  }
}

void WatchChangesReactor::OnDone() {
  std::optional<uint64_t> subscription;
  {
    absl::MutexLock lock(&mu_);
    subscription = subscription_;
  }
  if (subscription.has_value()) store_->notifier().Cancel(*subscription);
  delete this;
}

void WatchChangesReactor::FinishLocked(const grpc::Status& status) {
  if (finished_) return;
  finished_ = true;
  subscription_.reset();
  Finish(status);
}

}  // namespace accord::ingest
