#include "ingest_service/core/article_ingestor.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "ingest_service/core/article_identity.h"
#include "shared/status/status_macros.h"

namespace accord::ingest {

ArticleIngestor::ArticleIngestor(const extraction::Extractor* extractor, IngestStore* store, ArticleLimits limits,
                                 std::function<absl::Time()> clock)
    : extractor_(extractor), store_(store), limits_(limits), clock_(std::move(clock)) {}

absl::StatusOr<IngestOutcome> ArticleIngestor::Ingest(accord::v1::Article article, bool validate_only) {
  RETURN_IF_ERROR(ValidateArticle(article, limits_));
  IngestOutcome outcome;
  outcome.article_id = ArticleIdFor(article.url(), article.text());
  article.set_id(outcome.article_id);
  article.set_name(ArticleName(outcome.article_id));
  *article.mutable_ingest_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(clock_()));

  // Already stored: skip the extraction; the store answers with what it holds.
  ASSIGN_OR_RETURN(std::optional<accord::v1::Article> existing, store_->GetArticle(outcome.article_id));
  if (existing.has_value()) {
    ASSIGN_OR_RETURN(std::optional<accord::v1::ArticleExtraction> stored, store_->GetExtraction(outcome.article_id));
    outcome.already_present = true;
    // Settled: the article may have been made visible by a commit whose head is not published yet.
    outcome.sequence = validate_only ? 0 : store_->settled_head_sequence();
    if (stored.has_value()) outcome.extraction = std::move(*stored);
    return outcome;
  }
  accord::v1::ArticleExtraction extraction = extractor_->Extract(article);
  if (validate_only) {
    outcome.extraction = std::move(extraction);
    return outcome;
  }
  ASSIGN_OR_RETURN(PutResult put, store_->Put(article, extraction));
  outcome.already_present = put.already_present;
  outcome.sequence = put.sequence;
  outcome.extraction = std::move(put.extraction);
  return outcome;
}

absl::StatusOr<accord::v1::Article> ArticleIngestor::GetArticle(std::string_view name) const {
  ASSIGN_OR_RETURN(std::string id, ParseArticleName(name, "name"));
  ASSIGN_OR_RETURN(std::optional<accord::v1::Article> article, store_->GetArticle(id));
  if (!article.has_value()) return absl::NotFoundError(absl::StrCat("name: ", ArticleName(id), " not found"));
  return std::move(*article);
}

absl::StatusOr<uint64_t> ArticleIngestor::DeleteArticle(std::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseArticleName(name, "name"));
  absl::StatusOr<uint64_t> sequence = store_->DeleteArticle(id);
  if (absl::IsNotFound(sequence.status())) {
    return absl::NotFoundError(absl::StrCat("name: ", ArticleName(id), " not found"));
  }
  return sequence;
}

}  // namespace accord::ingest
