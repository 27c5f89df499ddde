#include "ingest_service/service/ingest_stream_reactor.h"

#include <string>

#include "ingest_service/service/ingest_service_impl.h"

namespace accord::ingest {

IngestStreamReactor::IngestStreamReactor(ArticleIngestor* ingestor) : ingestor_(ingestor) { StartRead(&request_); }

void IngestStreamReactor::OnReadDone(bool ok) {
  if (!ok) {  // the client closed its side (or the call ended): every result was written
    Finish(grpc::Status::OK);
    return;
  }
  response_.Clear();
  response_.set_index(index_++);
  absl::Status status = IngestOne(*ingestor_, request_, response_.mutable_result());
  if (!status.ok()) {
    response_.mutable_error()->set_code(static_cast<int>(status.code()));
    response_.mutable_error()->set_message(std::string(status.message()));
  }
  StartWrite(&response_);
}

void IngestStreamReactor::OnWriteDone(bool ok) {
  if (!ok) {
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading results"));
    return;
  }
  StartRead(&request_);
}

}  // namespace accord::ingest
