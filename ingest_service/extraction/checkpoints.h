// Finds named border checkpoints (border gates, crossings) in a document:
// pairs "A (Province) - B International Border Checkpoint", "A-B border
// gate", lists of pairs before one plural noun, "gates at A-B in the
// province of X and the neighbouring province of Y", and single gates "the A
// international border gate in B province". Each side gets a country (from
// its province, a possessive country, else name phonotactics). Type comes
// from the noun phrase (international / main / secondary incl. auxiliary and
// local); status from the sentence's verbs (agreed to open, plan to open,
// closed, upgraded, opened/inaugurated/operationalization). Chains of three
// or more places ("A - B - C - D Expressway") are routes, not checkpoints.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_CHECKPOINTS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_CHECKPOINTS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "accord/v1/records.pb.h"
#include "ingest_service/extraction/document.h"

namespace accord::extraction {

struct FoundSide {
  std::string name;      // "Moc Bai"
  std::string province;  // "Tay Ninh", may be empty
  std::string country;   // ISO alpha-2, may be empty
};

struct FoundCheckpoint {
  std::string display_name;  // "Meun Chey - Tan Net"
  std::vector<FoundSide> sides;
  accord::v1::CheckpointType type = accord::v1::CHECKPOINT_TYPE_UNSPECIFIED;
  accord::v1::CheckpointStatus status = accord::v1::CHECKPOINT_STATUS_UNSPECIFIED;
  std::vector<EvidenceRef> evidence;
};

class CheckpointFinder {
 public:
  static absl::StatusOr<std::unique_ptr<const CheckpointFinder>> Create();
  ~CheckpointFinder();

  // Thread-safe. Each checkpoint once (merged by its side names).
  std::vector<FoundCheckpoint> Find(const Document& doc) const;

 private:
  struct Patterns;
  CheckpointFinder();
  std::unique_ptr<Patterns> p_;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_CHECKPOINTS_H_
