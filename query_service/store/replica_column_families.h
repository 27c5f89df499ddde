// The query replica's column families. NEVER reorder or rename: the enum
// values index the table and the names are stored on disk. A new index is a
// new family at the end (the replica rebuilds by replaying the feed).
//
// Records (value: the record's proto):
//   articles, officials, plans, checkpoints     id -> record
// Secondary indexes (value: the record id). Key layouts use shared/storage/key_codec.h:
//   officials_by_country        String(CC) String(id)
//   officials_by_name_prefix    String(prefix of a folded name word) String(id)
//   officials_by_organization   String(folded organization) String(id)
//   officials_by_active_month   Int32(yyyymm) String(id)   every month within a year of a role
//   plans_by_year               DescInt32(year) String(id)  every year the plan covers
//   plans_by_country            String(CC) DescInt32(sort year) String(id)
//   plans_by_kind               Int32(kind) DescInt32(sort year) String(id)
//   plans_by_focus              Int32(focus) DescInt32(sort year) String(id)
//   plans_by_signatory          String(official id) DescInt32(sort year) String(id)
//   checkpoints_by_country      String(CC) String(id)
//   checkpoints_by_province     String(folded province) String(id)
//   checkpoints_by_type         Int32(type) String(id)
//   checkpoints_by_status       Int32(status) String(id)
//   articles_by_date            DescInt32(yyyymmdd) String(id)
//   articles_by_source          String(folded source) DescInt32(yyyymmdd) String(id)
//   articles_by_record          String(record name) DescInt32(yyyymmdd) String(article id)
//                               (owned by the article: Change.supports)
// Bookkeeping:
//   index_entries   String(record name) -> the index keys the record wrote
//   meta            "applied_sequence" -> Uint64; "feed_id" -> the feed followed
#ifndef ACCORD_QUERY_SERVICE_STORE_REPLICA_COLUMN_FAMILIES_H_
#define ACCORD_QUERY_SERVICE_STORE_REPLICA_COLUMN_FAMILIES_H_

#include <cstddef>
#include <string>
#include <vector>

namespace accord::query {

enum ReplicaFamily : size_t {
  kArticles = 0,
  kOfficials,
  kPlans,
  kCheckpoints,
  kOfficialsByCountry,
  kOfficialsByNamePrefix,
  kOfficialsByOrganization,
  kOfficialsByActiveMonth,
  kPlansByYear,
  kPlansByCountry,
  kPlansByKind,
  kPlansByFocus,
  kPlansBySignatory,
  kCheckpointsByCountry,
  kCheckpointsByProvince,
  kCheckpointsByType,
  kCheckpointsByStatus,
  kArticlesByDate,
  kArticlesBySource,
  kArticlesByRecord,
  kIndexEntries,
  kMeta,
  kReplicaFamilyCount,
};

inline const std::vector<std::string>& ReplicaFamilyNames() {
  static const auto* names = new std::vector<std::string>{
      "articles",
      "officials",
      "plans",
      "checkpoints",
      "officials_by_country",
      "officials_by_name_prefix",
      "officials_by_organization",
      "officials_by_active_month",
      "plans_by_year",
      "plans_by_country",
      "plans_by_kind",
      "plans_by_focus",
      "plans_by_signatory",
      "checkpoints_by_country",
      "checkpoints_by_province",
      "checkpoints_by_type",
      "checkpoints_by_status",
      "articles_by_date",
      "articles_by_source",
      "articles_by_record",
      "index_entries",
      "meta",
  };
  return *names;
}

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_STORE_REPLICA_COLUMN_FAMILIES_H_
