// gRPC adapter of accord.v1.IngestService over the callback API. Thin: each
// handler calls ArticleIngestor or IngestStore, maps the absl::Status once,
// and finishes exactly once on every path.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_INGEST_SERVICE_IMPL_H_
#define ACCORD_INGEST_SERVICE_SERVICE_INGEST_SERVICE_IMPL_H_

#include <cstddef>

#include "accord/v1/ingest_service.grpc.pb.h"
#include "ingest_service/core/article_ingestor.h"
#include "shared/sync/thread_pool.h"

namespace accord::ingest {

struct IngestConcurrency {
  // Workers that run ingests and deletes (extraction and synced writes), off
  // gRPC's threads. More workers in flight make bigger group commits.
  int workers = 16;
  // Articles of one IngestArticles stream being ingested at once (results
  // are still written in request order).
  int stream_window = 8;
};

struct FeedOptions {
  // Most changes per WatchChanges response.
  size_t max_batch = 256;
  // Responses are cut before they exceed this many bytes (one change always fits).
  size_t max_response_bytes = 4 << 20;
};

class IngestServiceImpl final : public accord::v1::IngestService::CallbackService {
 public:
  // Borrows `ingestor`; it must outlive the server.
  IngestServiceImpl(ArticleIngestor* ingestor, FeedOptions feed, IngestConcurrency concurrency = {})
      : ingestor_(ingestor), feed_(feed), concurrency_(concurrency), workers_(concurrency.workers) {}

  grpc::ServerUnaryReactor* IngestArticle(grpc::CallbackServerContext* context,
                                          const accord::v1::IngestArticleRequest* request,
                                          accord::v1::IngestArticleResponse* response) override;
  grpc::ServerBidiReactor<accord::v1::IngestArticleRequest, accord::v1::IngestArticlesResponse>* IngestArticles(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const accord::v1::GetArticleRequest* request,
                                       accord::v1::Article* response) override;
  grpc::ServerUnaryReactor* DeleteArticle(grpc::CallbackServerContext* context,
                                          const accord::v1::DeleteArticleRequest* request,
                                          accord::v1::DeleteArticleResponse* response) override;
  grpc::ServerWriteReactor<accord::v1::WatchChangesResponse>* WatchChanges(
      grpc::CallbackServerContext* context, const accord::v1::WatchChangesRequest* request) override;

 private:
  ArticleIngestor* ingestor_;
  FeedOptions feed_;
  IngestConcurrency concurrency_;
  // Declared last: destroyed (joined) first, before what its jobs use.
  sync::ThreadPool workers_;
};

// Runs one ingest through `ingestor` and fills `response`; shared by the
// unary and the streaming RPC.
absl::Status IngestOne(ArticleIngestor& ingestor, const accord::v1::IngestArticleRequest& request,
                       accord::v1::IngestArticleResponse* response);

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_INGEST_SERVICE_IMPL_H_
