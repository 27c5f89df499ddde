// Turns one article's text into the records it states: officials, cooperation
// plans and border checkpoints, each with evidence. Pure domain logic: no
// gRPC types, no I/O.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_EXTRACTOR_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_EXTRACTOR_H_

#include <memory>

#include "absl/status/statusor.h"
#include "accord/v1/records.pb.h"

namespace accord::extraction {

class Extractor {
 public:
  // Compiles every pattern once. Fails only if a built-in pattern is broken.
  static absl::StatusOr<std::unique_ptr<const Extractor>> Create();

  virtual ~Extractor() = default;

  // Extracts the records of `article`. Thread-safe; linear in the text's length.
  // REQUIRES: article.text() is valid UTF-8. article.id() is copied into evidence
  // and article_ids; article.published_on() (when set) resolves relative dates.
  // Each record comes once, with its id and name ("officials/{id}", ...) set.
  virtual accord::v1::ArticleExtraction Extract(const accord::v1::Article& article) const = 0;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_EXTRACTOR_H_
