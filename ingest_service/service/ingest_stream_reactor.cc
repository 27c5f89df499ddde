#include "ingest_service/service/ingest_stream_reactor.h"

#include <string>

#include "ingest_service/service/ingest_service_impl.h"

namespace accord::ingest {

IngestStreamReactor::IngestStreamReactor(ArticleIngestor* ingestor) : ingestor_(ingestor) {
  absl::MutexLock lock(&mu_);
  Advance();
}

void IngestStreamReactor::OnReadDone(bool ok) {
  accord::v1::IngestArticlesResponse result;
  if (ok) {
    // Ingest outside the lock: a write may complete meanwhile.
    absl::Status status = IngestOne(*ingestor_, request_, result.mutable_result());
    if (!status.ok()) {
      result.mutable_error()->set_code(static_cast<int>(status.code()));
      result.mutable_error()->set_message(std::string(status.message()));
    }
  }
  absl::MutexLock lock(&mu_);
  reading_ = false;
  if (!ok) {
    reads_done_ = true;  // the client closed its side, or the call ended
  } else {
    result.set_index(next_index_++);
    results_.push_back(std::move(result));
  }
  Advance();
}

void IngestStreamReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  results_.pop_front();
  if (!ok && !finished_) {
    finished_ = true;
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading results"));
    return;
  }
  Advance();
}

void IngestStreamReactor::Advance() {
  if (finished_) return;
  if (!writing_ && !results_.empty()) {
    writing_ = true;
    StartWrite(&results_.front());
  }
  if (!reading_ && !reads_done_ && results_.size() < kMaxPendingResults) {
    reading_ = true;
    StartRead(&request_);
  }
  if (reads_done_ && !reading_ && !writing_ && results_.empty()) {
    finished_ = true;
    Finish(grpc::Status::OK);
  }
}

}  // namespace accord::ingest
