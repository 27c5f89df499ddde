#include "ingest_service/ingest_server.h"

#include "absl/strings/str_cat.h"
#include "shared/status/status_macros.h"

namespace accord::ingest {

absl::StatusOr<std::unique_ptr<IngestServer>> IngestServer::BuildAndStart(const IngestServerOptions& options) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("data_dir: required");
  if (options.limits.max_text_bytes + (64 << 10) > static_cast<size_t>(options.server.max_message_bytes)) {
    return absl::InvalidArgumentError(absl::StrCat("max_message_bytes: ", options.server.max_message_bytes,
                                                   " must exceed max_article_bytes by at least 64 KiB"));
  }
  std::unique_ptr<IngestServer> s(new IngestServer());
  auto named = [](const std::string& flag, const absl::Status& status) {
    return absl::Status(status.code(), absl::StrCat(flag, ": ", status.message()));
  };
  absl::StatusOr<std::unique_ptr<security::BearerTokenGate>> write_gate =
      security::BearerTokenGate::FromFile("writes", options.write_token_file);
  if (!write_gate.ok()) return named("write_token_file", write_gate.status());
  s->write_gate_ = std::move(*write_gate);
  absl::StatusOr<std::unique_ptr<security::BearerTokenGate>> feed_gate =
      security::BearerTokenGate::FromFile("the feed and article reads", options.feed_token_file);
  if (!feed_gate.ok()) return named("feed_token_file", feed_gate.status());
  s->feed_gate_ = std::move(*feed_gate);
  ASSIGN_OR_RETURN(s->extractor_, extraction::Extractor::Create());
  RETURN_IF_ERROR(storage::CreatePrivateDirectory(options.data_dir));
  IngestStoreOptions store_options;
  store_options.path = options.data_dir + "/db";
  store_options.feed_retention = options.feed_retention;
  store_options.rocks.block_cache_bytes = options.block_cache_bytes;
  ASSIGN_OR_RETURN(s->store_, IngestStore::Open(std::move(store_options)));
  s->ingestor_ = std::make_unique<ArticleIngestor>(s->extractor_.get(), s->store_.get(), options.limits);
  FeedOptions feed = options.feed;
  feed.max_response_bytes = std::min<size_t>(feed.max_response_bytes, options.server.max_message_bytes / 2);
  s->service_ = std::make_unique<IngestServiceImpl>(
      s->ingestor_.get(), IngestAccess{s->write_gate_.get(), s->feed_gate_.get()}, feed, options.concurrency);
  ASSIGN_OR_RETURN(s->runner_,
                   server::ServerRunner::Start(options.server, {{accord::v1::IngestService::service_full_name(),
                                                                 s->service_.get()}}));
  IngestStore* store = s->store_.get();
  s->runner_->OnShutdown([store] { store->notifier().Shutdown(); });
  s->runner_->SetServing(true);
  return s;
}

IngestServer::~IngestServer() {
  if (runner_) runner_->Shutdown();
  runner_.reset();
  service_.reset();
  ingestor_.reset();
  write_gate_.reset();
  feed_gate_.reset();
  store_.reset();  // closes RocksDB after every call has finished
}

}  // namespace accord::ingest
