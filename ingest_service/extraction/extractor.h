// Turns one article's text into the records it states: officials, cooperation
// plans and border checkpoints, each with evidence. Pure domain logic: no
// gRPC types, no I/O.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_EXTRACTOR_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_EXTRACTOR_H_

#include <memory>

#include "absl/status/statusor.h"
#include "accord/v1/records.pb.h"

namespace accord::extraction {

// Bounds on one article's extraction, whatever its text. Without them a
// megabyte of one repeated sentence gave a record 37,000 evidence items, and
// a megabyte of distinct checkpoint names 55 MB of records: more than one
// gRPC response may carry (--max_message_bytes, 8 MiB by default), and as
// much again written to the store.
// Each record keeps its first kMaxEvidencePerRecord evidence items (a merged
// record keeps no more either: kMaxEvidence in entity_merger.h).
inline constexpr int kMaxEvidencePerRecord = 16;
// Each kind of record (officials, plans, checkpoints) stops at this many
// serialized bytes: the records past it, in the order the text gives them,
// are dropped. A plan signatory or witness whose official was dropped keeps
// its display_name, with no official_id.
inline constexpr size_t kMaxRecordBytesPerKind = size_t{1} << 20;

class Extractor {
 public:
  // Compiles every pattern once. Fails only if a built-in pattern is broken.
  static absl::StatusOr<std::unique_ptr<const Extractor>> Create();

  virtual ~Extractor() = default;

  // Extracts the records of `article`. Thread-safe; linear in the text's length.
  // REQUIRES: article.text() is valid UTF-8. article.id() is copied into evidence
  // and article_ids; article.published_on() (when set) resolves relative dates.
  // Each record comes once, with its id and name ("officials/{id}", ...) set.
  // The result is bounded (kMaxEvidencePerRecord, kMaxRecordBytesPerKind).
  virtual accord::v1::ArticleExtraction Extract(const accord::v1::Article& article) const = 0;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_EXTRACTOR_H_
