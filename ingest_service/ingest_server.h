// Builds and runs the ingest service: opens the store, compiles the
// extractor, starts gRPC with health and reflection, and tears it all down in
// order (stop accepting, end feeds, drain calls, close the DB).
#ifndef ACCORD_INGEST_SERVICE_INGEST_SERVER_H_
#define ACCORD_INGEST_SERVICE_INGEST_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ingest_service/core/article_ingestor.h"
#include "ingest_service/extraction/extractor.h"
#include "ingest_service/service/ingest_service_impl.h"
#include "ingest_service/store/ingest_store.h"
#include "shared/server/server_runner.h"

namespace accord::ingest {

struct IngestServerOptions {
  server::ServerOptions server;
  // The data directory; the RocksDB store lives in {data_dir}/db.
  std::string data_dir;
  ArticleLimits limits;
  uint64_t feed_retention = 1'000'000;
  FeedOptions feed;
  IngestConcurrency concurrency;
  size_t block_cache_bytes = 64 << 20;
  // Bearer-token files (see shared/security/token_file.h); empty = open.
  std::string write_token_file;  // IngestArticle(s), DeleteArticle
  std::string feed_token_file;   // WatchChanges, GetArticle
};

class IngestServer {
 public:
  // Everything is up and health says SERVING when this returns OK.
  static absl::StatusOr<std::unique_ptr<IngestServer>> BuildAndStart(const IngestServerOptions& options);

  // Shuts down (idempotent) and closes the store.
  ~IngestServer();

  int port() const { return runner_->port(); }
  // Health NOT_SERVING, feeds end, in-flight calls finish (within the grace
  // period), the server stops. The store stays open until destruction.
  void Shutdown() { runner_->Shutdown(); }

 private:
  IngestServer() = default;

  std::unique_ptr<const extraction::Extractor> extractor_;
  std::unique_ptr<IngestStore> store_;
  std::unique_ptr<security::BearerTokenGate> write_gate_;
  std::unique_ptr<security::BearerTokenGate> feed_gate_;
  std::unique_ptr<ArticleIngestor> ingestor_;
  std::unique_ptr<IngestServiceImpl> service_;
  std::unique_ptr<server::ServerRunner> runner_;
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_INGEST_SERVER_H_
