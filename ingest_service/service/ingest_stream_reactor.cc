#include "ingest_service/service/ingest_stream_reactor.h"

#include <string>

#include "grpcpp/support/proto_buffer_reader.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "ingest_service/service/ingest_service_impl.h"
#include "shared/server/parse_error_status.h"

namespace accord::ingest {

IngestStreamReactor::IngestStreamReactor(ArticleIngestor* ingestor, sync::ThreadPool* workers, int window,
                                         std::unique_ptr<sync::AdmissionLimit::Ticket> ticket)
    : ingestor_(ingestor),
      workers_(workers),
      window_(static_cast<size_t>(window < 1 ? 1 : window)),
      ticket_(std::move(ticket)) {
  absl::MutexLock lock(&mu_);
  Advance();
}

void IngestStreamReactor::OnReadDone(bool ok) {
  absl::MutexLock lock(&mu_);
  reading_ = false;
  if (!ok) {
    reads_done_ = true;  // the client closed its side, or the call ended
  } else if (!failed_) {
    const uint64_t index = next_read_++;
    ++in_flight_;
    workers_->Schedule([this, index, bytes = std::move(request_)]() mutable {
      accord::v1::IngestArticlesResponse result;
      result.set_index(index);
      accord::v1::IngestArticleRequest request;
      absl::Status status =
          grpc::SerializationTraits<accord::v1::IngestArticleRequest>::Deserialize(&bytes, &request).ok()
              ? IngestOne(*ingestor_, request, result.mutable_result())
              : absl::InvalidArgumentError(
                    server::UnparsableRequestMessage(accord::v1::IngestArticleRequest::descriptor()->full_name()));
      if (!status.ok()) {
        result.mutable_error()->set_code(static_cast<int>(status.code()));
        result.mutable_error()->set_message(std::string(status.message()));
      }
      absl::MutexLock lock(&mu_);
      --in_flight_;
      results_.emplace(index, std::move(result));
      Advance();
    });
  }
  Advance();
}

void IngestStreamReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  ++next_write_;
  if (!ok) failed_ = true;
  Advance();
}

void IngestStreamReactor::Advance() {
  if (finished_) return;
  if (failed_) {
    // Finish only once no job of this stream can touch it any more.
    if (!reading_ && !writing_ && in_flight_ == 0) {
      finished_ = true;
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading results"));
    }
    return;
  }
  auto next = results_.find(next_write_);
  if (!writing_ && next != results_.end()) {
    writing_ = true;
    bool own_buffer = false;
    writing_result_.Clear();
    grpc::SerializationTraits<accord::v1::IngestArticlesResponse>::Serialize(next->second, &writing_result_,
                                                                             &own_buffer);
    results_.erase(next);
    StartWrite(&writing_result_);
  }
  if (!reading_ && !reads_done_ && in_flight_ + results_.size() < window_) {
    reading_ = true;
    StartRead(&request_);
  }
  if (reads_done_ && !reading_ && !writing_ && in_flight_ == 0 && results_.empty()) {
    finished_ = true;
    Finish(grpc::Status::OK);
  }
}

}  // namespace accord::ingest
