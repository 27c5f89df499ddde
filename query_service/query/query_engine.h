// Answers the typed reads of accord.v1.QueryService from a ReplicaStore.
// Domain logic over protobuf messages and absl::Status; no gRPC types.
//
// Each List picks one secondary index to drive the scan (the most selective
// filter given), checks the other filters on each record, and pages with a
// cursor (the last index key scanned). A page stops early after
// max_scanned_per_page index entries, so a sparse filter combination cannot
// turn into a long scan; its token continues where it stopped.
// Thread-safe: const, and the store's reads take no lock.
#ifndef ACCORD_QUERY_SERVICE_QUERY_QUERY_ENGINE_H_
#define ACCORD_QUERY_SERVICE_QUERY_QUERY_ENGINE_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "accord/v1/query_service.pb.h"
#include "query_service/query/page_token.h"
#include "query_service/store/replica_store.h"

namespace accord::query {

struct QueryLimits {
  int default_page_size = 50;
  // Larger page sizes are clamped to this.
  int max_page_size = 500;
  size_t max_scanned_per_page = 20000;
  // Server-side deadline of one List page's scan: past it the page ends
  // early, with what it has and a next_page_token (as for max_scanned_per_page).
  absl::Duration max_scan_time = absl::Milliseconds(500);
};

class QueryEngine {
 public:
  // Borrows `tokens`; it must outlive the engine.
  QueryEngine(const PageTokenCodec* tokens, QueryLimits limits) : tokens_(tokens), limits_(limits) {}

  // Get: INVALID_ARGUMENT for a malformed name, NOT_FOUND naming it when absent.
  absl::StatusOr<accord::v1::Official> GetOfficial(const ReplicaStore& store,
                                                   const accord::v1::GetOfficialRequest& request) const;
  absl::StatusOr<accord::v1::CooperationPlan> GetCooperationPlan(
      const ReplicaStore& store, const accord::v1::GetCooperationPlanRequest& request) const;
  absl::StatusOr<accord::v1::BorderCheckpoint> GetBorderCheckpoint(
      const ReplicaStore& store, const accord::v1::GetBorderCheckpointRequest& request) const;
  absl::StatusOr<accord::v1::Article> GetArticle(const ReplicaStore& store,
                                                 const accord::v1::GetArticleRequest& request) const;

  // List: INVALID_ARGUMENT naming the field for a bad filter, page size or token.
  absl::StatusOr<accord::v1::ListOfficialsResponse> ListOfficials(
      const ReplicaStore& store, const accord::v1::ListOfficialsRequest& request) const;
  absl::StatusOr<accord::v1::ListCooperationPlansResponse> ListCooperationPlans(
      const ReplicaStore& store, const accord::v1::ListCooperationPlansRequest& request) const;
  absl::StatusOr<accord::v1::ListBorderCheckpointsResponse> ListBorderCheckpoints(
      const ReplicaStore& store, const accord::v1::ListBorderCheckpointsRequest& request) const;
  absl::StatusOr<accord::v1::ListArticlesResponse> ListArticles(
      const ReplicaStore& store, const accord::v1::ListArticlesRequest& request) const;

 private:
  const PageTokenCodec* tokens_;
  QueryLimits limits_;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_QUERY_QUERY_ENGINE_H_
