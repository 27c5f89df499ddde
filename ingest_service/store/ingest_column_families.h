// The ingest service's column families. NEVER reorder or rename: the enum
// values index the table, and the names are stored on disk.
//
//   articles     id -> accord.v1.Article
//   extractions  article id -> accord.v1.ArticleExtraction (what that article said)
//   officials    id -> accord.v1.Official (merged across articles)
//   plans        id -> accord.v1.CooperationPlan (merged)
//   checkpoints  id -> accord.v1.BorderCheckpoint (merged)
//   changes      SequenceKey(seq) -> accord.v1.Change (the feed, oldest trimmed)
//   meta         name -> value: "head_sequence", "first_kept_sequence" (Uint64 keys' encoding), "feed_id"
//   supporters   String(record name) String(article id) -> "" (every article behind a record;
//                records keep only kMaxArticleIds of them)
#ifndef ACCORD_INGEST_SERVICE_STORE_INGEST_COLUMN_FAMILIES_H_
#define ACCORD_INGEST_SERVICE_STORE_INGEST_COLUMN_FAMILIES_H_

#include <cstddef>
#include <string>
#include <vector>

namespace accord::ingest {

enum IngestFamily : size_t {
  kArticles = 0,
  kExtractions = 1,
  kOfficials = 2,
  kPlans = 3,
  kCheckpoints = 4,
  kChanges = 5,
  kMeta = 6,
  kSupporters = 7,
};

inline const std::vector<std::string>& IngestFamilyNames() {
  static const auto* names = new std::vector<std::string>{
      "articles", "extractions", "officials", "plans", "checkpoints", "changes", "meta", "supporters"};
  return *names;
}

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_STORE_INGEST_COLUMN_FAMILIES_H_
