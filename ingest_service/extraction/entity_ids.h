// Stable ids of extracted records. The storage layer merges records from
// different articles by these ids, so they depend only on folded names:
// diacritics, case and punctuation never change an id.
//   official:   Slugify(display name)                 "luong-tam-quang"
//   plan:       kind-codes-years                      "security-kh-vn-2024",
//               "defence-kh-vn-2020-2024", "economic-kh-vn-to-2030",
//               "security-kh-vn-mou-on-..." (no year: slug of the title)
//   checkpoint: side slugs sorted, joined by "--"     "meun-chey--tan-net"
// An id is at most 64 characters of [a-z0-9-] (what resource names accept):
// a longer one is cut to 55 and ends in "-" and 8 hex digits of its hash.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_ENTITY_IDS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_ENTITY_IDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "accord/v1/records.pb.h"

namespace accord::extraction {

std::string OfficialId(std::string_view display_name);
std::string OfficialResourceName(std::string_view id);  // "officials/{id}"

// Lower-case kind word: "security", "defence", "economic", "border", "other".
std::string_view PlanKindWord(accord::v1::PlanKind kind);

// `country_codes` in any order and case; `title` is used only when no year is known.
std::string PlanId(accord::v1::PlanKind kind, const std::vector<std::string>& country_codes, int year,
                   int start_year, int end_year, std::string_view title);
std::string PlanResourceName(std::string_view id);  // "plans/{id}"

std::string CheckpointId(const std::vector<std::string>& side_names);
std::string CheckpointResourceName(std::string_view id);  // "checkpoints/{id}"

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_ENTITY_IDS_H_
