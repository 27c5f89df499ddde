#include "ingest_service/service/ingest_service_impl.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "ingest_service/core/article_identity.h"
#include "ingest_service/service/ingest_stream_reactor.h"
#include "ingest_service/service/watch_changes_reactor.h"
#include "shared/rpc/grpc_status.h"
#include "shared/server/finished_reactors.h"
#include "shared/server/parse_error_status.h"

namespace accord::ingest {
namespace {

grpc::Status Overloaded(const sync::AdmissionLimit& limit, absl::string_view what, absl::string_view flag) {
  return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                      absl::StrCat(what, ": ", limit.limit(), " already in progress (--", flag,
                                   "); retry with backoff"));
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(ArticleIngestor* ingestor, IngestAccess access, FeedOptions feed,
                                     IngestConcurrency concurrency)
    : ingestor_(ingestor),
      access_(access),
      feed_(feed),
      concurrency_(concurrency),
      pending_writes_(static_cast<size_t>(std::max(1, concurrency.max_pending_writes))),
      ingest_streams_(static_cast<size_t>(std::max(1, concurrency.max_ingest_streams))),
      feed_streams_(static_cast<size_t>(std::max(1, concurrency.max_feed_streams))),
      workers_(concurrency.workers) {}

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

std::shared_ptr<sync::AdmissionLimit::Ticket> IngestServiceImpl::AdmitWrite(const grpc::CallbackServerContext& context,
                                                                          grpc::ServerUnaryReactor* reactor) {
  if (grpc::Status denied = access_.writes->Check(context); !denied.ok()) {
    reactor->Finish(denied);
    return nullptr;
  }
  std::shared_ptr<sync::AdmissionLimit::Ticket> ticket = pending_writes_.TryAcquire();
  if (ticket == nullptr) reactor->Finish(Overloaded(pending_writes_, "writes", "max_pending_writes"));
  return ticket;
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestArticle(grpc::CallbackServerContext* context,
                                                           const accord::v1::IngestArticleRequest* request,
                                                           accord::v1::IngestArticleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::shared_ptr<sync::AdmissionLimit::Ticket> ticket = AdmitWrite(*context, reactor);
  if (ticket == nullptr) return reactor;
  workers_.Schedule([this, reactor, request, response, ticket = std::move(ticket)] {
    reactor->Finish(rpc::ToGrpcStatus(IngestOne(*ingestor_, *request, response)));
  });
  return reactor;
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IngestServiceImpl::IngestArticles(
    grpc::CallbackServerContext* context) {
  using Refused = server::FinishedBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>;
  if (grpc::Status denied = access_.writes->Check(*context); !denied.ok()) return new Refused(denied);
  std::unique_ptr<sync::AdmissionLimit::Ticket> ticket = ingest_streams_.TryAcquire();
  if (ticket == nullptr) return new Refused(Overloaded(ingest_streams_, "IngestArticles streams", "max_ingest_streams"));
  return new IngestStreamReactor(ingestor_, &workers_, concurrency_.stream_window, std::move(ticket));
}

grpc::ServerUnaryReactor* IngestServiceImpl::GetArticle(grpc::CallbackServerContext* context,
                                                        const accord::v1::GetArticleRequest* request,
                                                        accord::v1::Article* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (grpc::Status denied = access_.feed->Check(*context); !denied.ok()) {
    reactor->Finish(denied);
    return reactor;
  }
  absl::StatusOr<accord::v1::Article> article = ingestor_->GetArticle(request->name());
  if (article.ok()) *response = std::move(*article);
  reactor->Finish(rpc::ToGrpcStatus(article.status()));
  return reactor;
}

grpc::ServerUnaryReactor* IngestServiceImpl::DeleteArticle(grpc::CallbackServerContext* context,
                                                           const accord::v1::DeleteArticleRequest* request,
                                                           accord::v1::DeleteArticleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::shared_ptr<sync::AdmissionLimit::Ticket> ticket = AdmitWrite(*context, reactor);
  if (ticket == nullptr) return reactor;
  workers_.Schedule([this, reactor, request, response, ticket = std::move(ticket)] {
    absl::StatusOr<uint64_t> sequence = ingestor_->DeleteArticle(request->name());
    if (sequence.ok()) response->set_sequence(*sequence);
    reactor->Finish(rpc::ToGrpcStatus(sequence.status()));
  });
  return reactor;
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* IngestServiceImpl::WatchChanges(grpc::CallbackServerContext* context,
                                                                            const grpc::ByteBuffer* raw_request) {
  using Refused = server::FinishedWriteReactor<grpc::ByteBuffer>;
  if (grpc::Status denied = access_.feed->Check(*context); !denied.ok()) return new Refused(denied);
  accord::v1::WatchChangesRequest request;
  grpc::ByteBuffer copy(*raw_request);  // Deserialize consumes its buffer
  if (!grpc::SerializationTraits<accord::v1::WatchChangesRequest>::Deserialize(&copy, &request).ok()) {
    return new Refused(grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        server::UnparsableRequestMessage(accord::v1::WatchChangesRequest::descriptor()->full_name())));
  }
  std::unique_ptr<sync::AdmissionLimit::Ticket> ticket = feed_streams_.TryAcquire();
  if (ticket == nullptr) return new Refused(Overloaded(feed_streams_, "WatchChanges streams", "max_feed_streams"));
  FeedOptions feed = feed_;
  if (request.max_batch() > 0 && request.max_batch() < feed.max_batch) feed.max_batch = request.max_batch();
  return new WatchChangesReactor(&ingestor_->store(), request.after_sequence(), request.feed_id(), feed,
                                 std::move(ticket));
}

}  // namespace accord::ingest
