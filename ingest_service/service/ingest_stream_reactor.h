// IngestArticles: reads one request, ingests it, writes its result, reads the
// next. A bad article gets an error result and the stream goes on. Owns
// itself: deleted in OnDone.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_
#define ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_

#include <cstdint>

#include "accord/v1/ingest_service.grpc.pb.h"
#include "ingest_service/core/article_ingestor.h"

namespace accord::ingest {

class IngestStreamReactor final
    : public grpc::ServerBidiReactor<accord::v1::IngestArticleRequest, accord::v1::IngestArticlesResponse> {
 public:
  explicit IngestStreamReactor(ArticleIngestor* ingestor);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  ArticleIngestor* ingestor_;
  accord::v1::IngestArticleRequest request_;
  accord::v1::IngestArticlesResponse response_;
  uint64_t index_ = 0;
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_
