// gRPC adapter of accord.v1.QueryService over the callback API. Each handler
// checks the caller's bearer token and the in-flight limit (beyond it
// RESOURCE_EXHAUSTED at once), then runs one QueryEngine call against the
// serving replica store.
//
// min_sequence: when the replica has not applied it yet, the call waits
// without holding a gRPC thread (a notifier subscription plus a timer) until
// it has, or fails with UNAVAILABLE at the call's deadline (or after
// max_wait, whichever is first).
#ifndef ACCORD_QUERY_SERVICE_SERVICE_QUERY_SERVICE_IMPL_H_
#define ACCORD_QUERY_SERVICE_SERVICE_QUERY_SERVICE_IMPL_H_

#include <functional>

#include "absl/time/time.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "query_service/query/query_engine.h"
#include "query_service/replication/replica_set.h"
#include "shared/security/bearer_token_gate.h"
#include "shared/sync/admission_limit.h"
#include "shared/sync/deadline_timer.h"

namespace accord::query {

class QueryServiceImpl final : public accord::v1::QueryService::CallbackService {
 public:
  // Borrows `replicas`, `engine` and `gate`; they must outlive the server.
  // `max_inflight_calls`: calls running or waiting for their min_sequence at once.
  QueryServiceImpl(ReplicaSet* replicas, const QueryEngine* engine, absl::Duration max_wait,
                   const security::BearerTokenGate* gate, size_t max_inflight_calls)
      : replicas_(replicas), engine_(engine), max_wait_(max_wait), gate_(gate), inflight_(max_inflight_calls) {}

  grpc::ServerUnaryReactor* GetOfficial(grpc::CallbackServerContext* context,
                                        const accord::v1::GetOfficialRequest* request,
                                        accord::v1::Official* response) override;
  grpc::ServerUnaryReactor* ListOfficials(grpc::CallbackServerContext* context,
                                          const accord::v1::ListOfficialsRequest* request,
                                          accord::v1::ListOfficialsResponse* response) override;
  grpc::ServerUnaryReactor* GetCooperationPlan(grpc::CallbackServerContext* context,
                                               const accord::v1::GetCooperationPlanRequest* request,
                                               accord::v1::CooperationPlan* response) override;
  grpc::ServerUnaryReactor* ListCooperationPlans(grpc::CallbackServerContext* context,
                                                 const accord::v1::ListCooperationPlansRequest* request,
                                                 accord::v1::ListCooperationPlansResponse* response) override;
  grpc::ServerUnaryReactor* GetBorderCheckpoint(grpc::CallbackServerContext* context,
                                                const accord::v1::GetBorderCheckpointRequest* request,
                                                accord::v1::BorderCheckpoint* response) override;
  grpc::ServerUnaryReactor* ListBorderCheckpoints(grpc::CallbackServerContext* context,
                                                  const accord::v1::ListBorderCheckpointsRequest* request,
                                                  accord::v1::ListBorderCheckpointsResponse* response) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const accord::v1::GetArticleRequest* request,
                                       accord::v1::Article* response) override;
  grpc::ServerUnaryReactor* ListArticles(grpc::CallbackServerContext* context,
                                         const accord::v1::ListArticlesRequest* request,
                                         accord::v1::ListArticlesResponse* response) override;

 private:
  // Runs `query` on the serving store once it has applied `min_sequence`, and finishes the call.
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, uint64_t min_sequence,
                                  std::function<absl::Status(const ReplicaStore&)> query);

  ReplicaSet* replicas_;
  const QueryEngine* engine_;
  absl::Duration max_wait_;
  const security::BearerTokenGate* gate_;
  sync::AdmissionLimit inflight_;
  sync::DeadlineTimer timer_;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_SERVICE_QUERY_SERVICE_IMPL_H_
