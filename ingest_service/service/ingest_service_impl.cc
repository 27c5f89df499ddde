#include "ingest_service/service/ingest_service_impl.h"

#include "ingest_service/core/article_identity.h"
#include "ingest_service/service/ingest_stream_reactor.h"
#include "ingest_service/service/watch_changes_reactor.h"
#include "shared/rpc/grpc_status.h"

namespace accord::ingest {

absl::Status IngestOne(ArticleIngestor& ingestor, const accord::v1::IngestArticleRequest& request,
                       accord::v1::IngestArticleResponse* response) {
  absl::StatusOr<IngestOutcome> outcome = ingestor.Ingest(request.article(), request.validate_only());
  if (!outcome.ok()) return outcome.status();
  response->set_article_id(outcome->article_id);
  response->set_name(ArticleName(outcome->article_id));
  response->set_already_present(outcome->already_present);
  response->set_sequence(outcome->sequence);
  *response->mutable_extraction() = std::move(outcome->extraction);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestArticle(grpc::CallbackServerContext* context,
                                                           const accord::v1::IngestArticleRequest* request,
                                                           accord::v1::IngestArticleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  workers_.Schedule([this, reactor, request, response] {
    reactor->Finish(rpc::ToGrpcStatus(IngestOne(*ingestor_, *request, response)));
  });
  return reactor;
}

grpc::ServerBidiReactor<accord::v1::IngestArticleRequest, accord::v1::IngestArticlesResponse>*
IngestServiceImpl::IngestArticles(grpc::CallbackServerContext* context) {
  return new IngestStreamReactor(ingestor_, &workers_, concurrency_.stream_window);
}

grpc::ServerUnaryReactor* IngestServiceImpl::GetArticle(grpc::CallbackServerContext* context,
                                                        const accord::v1::GetArticleRequest* request,
                                                        accord::v1::Article* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<accord::v1::Article> article = ingestor_->GetArticle(request->name());
  if (article.ok()) *response = std::move(*article);
  reactor->Finish(rpc::ToGrpcStatus(article.status()));
  return reactor;
}

grpc::ServerUnaryReactor* IngestServiceImpl::DeleteArticle(grpc::CallbackServerContext* context,
                                                           const accord::v1::DeleteArticleRequest* request,
                                                           accord::v1::DeleteArticleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  workers_.Schedule([this, reactor, request, response] {
    absl::StatusOr<uint64_t> sequence = ingestor_->DeleteArticle(request->name());
    if (sequence.ok()) response->set_sequence(*sequence);
    reactor->Finish(rpc::ToGrpcStatus(sequence.status()));
  });
  return reactor;
}

grpc::ServerWriteReactor<accord::v1::WatchChangesResponse>* IngestServiceImpl::WatchChanges(
    grpc::CallbackServerContext* context, const accord::v1::WatchChangesRequest* request) {
  FeedOptions feed = feed_;
  if (request->max_batch() > 0 && request->max_batch() < feed.max_batch) feed.max_batch = request->max_batch();
  return new WatchChangesReactor(&ingestor_->store(), request->after_sequence(), request->feed_id(), feed);
}

}  // namespace accord::ingest
