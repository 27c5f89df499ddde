// Merges what several articles say about one entity into the stored record.
// Pure functions over protobuf messages: no storage, no gRPC.
//
// Contract: Merge(stored, contribution) folds one article's record (as the
// extractor produced it, same id) into the stored one. Folding a set of
// contributions gives the same fields whatever the order, except the
// "as written" strings (display_name, title), which keep the most complete
// form seen (diacritics beat ASCII; then the earlier one). Evidence is capped
// at kMaxEvidence entries per record; article_ids (record and role) keeps the
// kMaxArticleIds smallest ids, sorted, so a record stays bounded however many
// articles support it (the store keeps the complete list apart); a
// checkpoint's status_history keeps the latest kMaxStatusHistory observations;
// a plan keeps the first kMaxParticipants signatories and witnesses.
#ifndef ACCORD_INGEST_SERVICE_STORE_ENTITY_MERGER_H_
#define ACCORD_INGEST_SERVICE_STORE_ENTITY_MERGER_H_

#include "accord/v1/records.pb.h"

namespace accord::ingest {

inline constexpr int kMaxEvidence = 16;
inline constexpr int kMaxArticleIds = 32;
inline constexpr int kMaxStatusHistory = 32;
inline constexpr int kMaxParticipants = 16;

void MergeOfficial(accord::v1::Official* stored, const accord::v1::Official& contribution);
void MergePlan(accord::v1::CooperationPlan* stored, const accord::v1::CooperationPlan& contribution);
void MergeCheckpoint(accord::v1::BorderCheckpoint* stored, const accord::v1::BorderCheckpoint& contribution);

// Orders a Date: unknown parts (0) sort first. Returns <0, 0, >0.
int CompareDates(const accord::v1::Date& a, const accord::v1::Date& b);

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_STORE_ENTITY_MERGER_H_
