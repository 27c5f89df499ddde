// The ingest service's domain core: validate -> identify -> extract -> store.
// No gRPC types; the gRPC adapter maps its absl::Status results.
// Thread-safe (the extractor is const, the store serialises writes).
#ifndef ACCORD_INGEST_SERVICE_CORE_ARTICLE_INGESTOR_H_
#define ACCORD_INGEST_SERVICE_CORE_ARTICLE_INGESTOR_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "accord/v1/records.pb.h"
#include "ingest_service/core/article_validator.h"
#include "ingest_service/extraction/extractor.h"
#include "ingest_service/store/ingest_store.h"

namespace accord::ingest {

struct IngestOutcome {
  std::string article_id;
  bool already_present = false;
  // The commit's sequence (the head when already present); 0 for validate_only.
  uint64_t sequence = 0;
  accord::v1::ArticleExtraction extraction;
};

class ArticleIngestor {
 public:
  // Borrows `extractor` and `store`: both must outlive this object.
  ArticleIngestor(const extraction::Extractor* extractor, IngestStore* store, ArticleLimits limits,
                  std::function<absl::Time()> clock = [] { return absl::Now(); });

  // Validates (INVALID_ARGUMENT naming the field, nothing stored), sets id,
  // name and ingest_time, extracts, and stores unless `validate_only`.
  absl::StatusOr<IngestOutcome> Ingest(accord::v1::Article article, bool validate_only);

  // `name` is "articles/{id}": INVALID_ARGUMENT when malformed, NOT_FOUND when absent.
  absl::StatusOr<accord::v1::Article> GetArticle(std::string_view name) const;
  // Returns the commit's sequence. Errors as GetArticle.
  absl::StatusOr<uint64_t> DeleteArticle(std::string_view name);

  IngestStore& store() { return *store_; }

 private:
  const extraction::Extractor* extractor_;
  IngestStore* store_;
  ArticleLimits limits_;
  std::function<absl::Time()> clock_;
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_CORE_ARTICLE_INGESTOR_H_
