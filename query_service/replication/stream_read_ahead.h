// Reads a server stream ahead of its consumer, on a thread of its own: the
// next feed response is received and parsed while the current one is
// applied. At most `depth` responses wait in memory.
#ifndef ACCORD_QUERY_SERVICE_REPLICATION_STREAM_READ_AHEAD_H_
#define ACCORD_QUERY_SERVICE_REPLICATION_STREAM_READ_AHEAD_H_

#include <cstddef>
#include <deque>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"

namespace accord::query {

template <typename Response>
class StreamReadAhead {
 public:
  // Borrows `context` and `reader`; both must outlive this object, and the
  // stream may be finished (reader->Finish) only after Close.
  StreamReadAhead(grpc::ClientContext* context, grpc::ClientReaderInterface<Response>* reader, size_t depth)
      : context_(context), reader_(reader), depth_(depth < 1 ? 1 : depth) {
    thread_ = std::thread([this] { Run(); });
  }

  ~StreamReadAhead() { Close(); }

  // Cancels the stream unless it has ended, and joins the reading thread.
  // Idempotent; Next returns false afterwards.
  void Close() {
    {
      absl::MutexLock lock(&mu_);
      abandoned_ = true;
      queue_.clear();
      if (!ended_) context_->TryCancel();
    }
    if (thread_.joinable()) thread_.join();
  }

  StreamReadAhead(const StreamReadAhead&) = delete;
  StreamReadAhead& operator=(const StreamReadAhead&) = delete;

  // The next response, in stream order; false once the stream has ended and
  // every response read was taken.
  bool Next(Response* out) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &StreamReadAhead::ReadyOrEnded));
    if (queue_.empty() || abandoned_) return false;
    out->Swap(&queue_.front());
    queue_.pop_front();
    return true;
  }

 private:
  void Run() {
    while (true) {
      Response response;
      const bool ok = reader_->Read(&response);
      absl::MutexLock lock(&mu_);
      if (!ok) {
        ended_ = true;
        return;
      }
      queue_.push_back(std::move(response));
      mu_.Await(absl::Condition(this, &StreamReadAhead::RoomOrAbandoned));
      if (abandoned_) return;
    }
  }

  bool ReadyOrEnded() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !queue_.empty() || ended_ || abandoned_; }
  bool RoomOrAbandoned() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return queue_.size() < depth_ || abandoned_; }

  grpc::ClientContext* const context_;
  grpc::ClientReaderInterface<Response>* const reader_;
  const size_t depth_;
  absl::Mutex mu_;
  std::deque<Response> queue_ ABSL_GUARDED_BY(mu_);
  bool ended_ ABSL_GUARDED_BY(mu_) = false;      // Read returned false
  bool abandoned_ ABSL_GUARDED_BY(mu_) = false;  // the consumer is gone
  std::thread thread_;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_REPLICATION_STREAM_READ_AHEAD_H_
