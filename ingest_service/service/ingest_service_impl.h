// gRPC adapter of accord.v1.IngestService over the callback API. Thin: each
// handler checks the caller's bearer token and the admission limits, calls
// ArticleIngestor or IngestStore, maps the absl::Status once, and finishes
// exactly once on every path.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_INGEST_SERVICE_IMPL_H_
#define ACCORD_INGEST_SERVICE_SERVICE_INGEST_SERVICE_IMPL_H_

#include <cstddef>

#include "accord/v1/ingest_service.grpc.pb.h"
#include "ingest_service/core/article_ingestor.h"
#include "shared/security/bearer_token_gate.h"
#include "shared/sync/admission_limit.h"
#include "shared/sync/thread_pool.h"

namespace accord::ingest {

struct IngestConcurrency {
  // Workers that run ingests and deletes (extraction and synced writes), off
  // gRPC's threads. More workers in flight make bigger group commits.
  int workers = 16;
  // Articles of one IngestArticles stream being ingested at once (results
  // are still written in request order).
  int stream_window = 8;
  // Unary writes (IngestArticle, DeleteArticle) queued or running at once;
  // beyond it RESOURCE_EXHAUSTED.
  int max_pending_writes = 256;
  // IngestArticles streams open at once; beyond it RESOURCE_EXHAUSTED.
  int max_ingest_streams = 64;
  // WatchChanges streams open at once (one per query replica); beyond it RESOURCE_EXHAUSTED.
  int max_feed_streams = 64;
};

// Who may call what. Borrowed gates; an open gate lets every call through.
struct IngestAccess {
  // IngestArticle, IngestArticles, DeleteArticle.
  const security::BearerTokenGate* writes;
  // WatchChanges and GetArticle (reads of what the feed carries).
  const security::BearerTokenGate* feed;
};

struct FeedOptions {
  // Most changes per WatchChanges response.
  size_t max_batch = 256;
  // Responses are cut before they exceed this many bytes (one change always fits).
  size_t max_response_bytes = 4 << 20;
};

// The callback service with IngestArticles (see IngestStreamReactor) and
// WatchChanges (see WatchChangesReactor) on raw bytes.
using IngestServiceBase = accord::v1::IngestService::WithCallbackMethod_IngestArticle<
    accord::v1::IngestService::WithRawCallbackMethod_IngestArticles<
        accord::v1::IngestService::WithCallbackMethod_GetArticle<accord::v1::IngestService::WithCallbackMethod_DeleteArticle<
            accord::v1::IngestService::WithRawCallbackMethod_WatchChanges<accord::v1::IngestService::Service>>>>>;

class IngestServiceImpl final : public IngestServiceBase {
 public:
  // Borrows `ingestor` and the gates of `access`; they must outlive the server.
  IngestServiceImpl(ArticleIngestor* ingestor, IngestAccess access, FeedOptions feed,
                    IngestConcurrency concurrency = {});

  grpc::ServerUnaryReactor* IngestArticle(grpc::CallbackServerContext* context,
                                          const accord::v1::IngestArticleRequest* request,
                                          accord::v1::IngestArticleResponse* response) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IngestArticles(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const accord::v1::GetArticleRequest* request,
                                       accord::v1::Article* response) override;
  grpc::ServerUnaryReactor* DeleteArticle(grpc::CallbackServerContext* context,
                                          const accord::v1::DeleteArticleRequest* request,
                                          accord::v1::DeleteArticleResponse* response) override;
  grpc::ServerWriteReactor<grpc::ByteBuffer>* WatchChanges(grpc::CallbackServerContext* context,
                                                           const grpc::ByteBuffer* request) override;

 private:
  // A unary write's admission: the caller's write token, then a pending-write
  // slot held until the write is done. On refusal finishes `reactor` with the
  // status and returns nullptr.
  std::shared_ptr<sync::AdmissionLimit::Ticket> AdmitWrite(const grpc::CallbackServerContext& context,
                                                           grpc::ServerUnaryReactor* reactor);

  ArticleIngestor* ingestor_;
  IngestAccess access_;
  FeedOptions feed_;
  IngestConcurrency concurrency_;
  sync::AdmissionLimit pending_writes_;
  sync::AdmissionLimit ingest_streams_;
  sync::AdmissionLimit feed_streams_;
  // Declared last: destroyed (joined) first, before what its jobs use.
  sync::ThreadPool workers_;
};

// Runs one ingest through `ingestor` and fills `response`; shared by the
// unary and the streaming RPC.
absl::Status IngestOne(ArticleIngestor& ingestor, const accord::v1::IngestArticleRequest& request,
                       accord::v1::IngestArticleResponse* response);

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_INGEST_SERVICE_IMPL_H_
