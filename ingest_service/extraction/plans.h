// Finds cooperation plans, protocols, MoUs and agreements in a document and
// what the article says about each: its years ("the 2024 plan", "Cooperation
// Plan for 2021", "Protocol for 2020-2024 period", "Master Plan ... to 2030"),
// kind (from the phrase, else the sentence, else the article), parties,
// signatories and witnesses (from the signing sentence or its neighbours),
// signing date (resolved against the article date or the plan's year) and
// focus areas. Mentions that look back ("review the results of the 2023
// plan") are plans too, but a nearby signing never refers to them.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_PLANS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_PLANS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "accord/v1/records.pb.h"
#include "ingest_service/extraction/dates.h"
#include "ingest_service/extraction/document.h"
#include "ingest_service/extraction/officials.h"
#include "re2/re2.h"

namespace accord::extraction {

struct FoundPlan {
  std::string title;  // as written: "Cooperation Plan for 2021"
  accord::v1::PlanKind kind = accord::v1::PLAN_KIND_UNSPECIFIED;
  int year = 0;
  int start_year = 0;
  int end_year = 0;
  std::vector<std::string> parties;  // ISO codes
  std::vector<int> signatories;      // indices into OfficialsResult::officials
  std::vector<int> witnesses;
  accord::v1::Date signed_on;
  std::vector<accord::v1::FocusArea> focus_areas;
  std::vector<EvidenceRef> evidence;
};

class PlanFinder {
 public:
  // Compiles every pattern; fails only if one is broken.
  static absl::StatusOr<std::unique_ptr<const PlanFinder>> Create();
  ~PlanFinder();

  // Thread-safe. Each plan once (merged by its years, or by title when it has none).
  std::vector<FoundPlan> Find(const Document& doc, const OfficialsResult& officials,
                              const DateFinder& dates) const;

 private:
  struct Patterns;
  PlanFinder();
  std::unique_ptr<Patterns> p_;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_PLANS_H_
