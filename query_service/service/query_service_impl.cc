#include "query_service/service/query_service_impl.h"

#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "shared/rpc/grpc_status.h"

namespace accord::query {
namespace {

// Copies a StatusOr's value into the response.
template <typename T>
absl::Status Assign(absl::StatusOr<T> result, T* response) {
  if (!result.ok()) return result.status();
  *response = std::move(*result);
  return absl::OkStatus();
}

// One call waiting for min_sequence: the first of the notifier and the timer
// to flip `done` finishes it and cancels the other (the loser, seeing `done`,
// does nothing and cancels nothing, so neither waits on the other).
struct Wait {
  std::atomic<bool> done{false};
  std::atomic<uint64_t> subscription{0};
  std::atomic<uint64_t> timer{0};
};

}  // namespace

grpc::ServerUnaryReactor* QueryServiceImpl::Serve(grpc::CallbackServerContext* context, uint64_t min_sequence,
                                                  std::function<absl::Status(const ReplicaStore&)> query) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (grpc::Status denied = gate_->Check(*context); !denied.ok()) {
    reactor->Finish(denied);
    return reactor;
  }
  // Held until the call finishes (by whichever path finishes it).
  std::shared_ptr<sync::AdmissionLimit::Ticket> ticket = inflight_.TryAcquire();
  if (ticket == nullptr) {
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 absl::StrCat("queries: ", inflight_.limit(),
                                              " calls already in progress (--max_inflight_calls); retry with backoff")));
    return reactor;
  }
  auto run = [this, reactor, query, ticket]() {
    reactor->Finish(rpc::ToGrpcStatus(query(*replicas_->serving())));
  };
  if (min_sequence <= replicas_->applied().head()) {
    run();
    return reactor;
  }
  auto wait = std::make_shared<Wait>();
  auto unavailable = [this, reactor, min_sequence, ticket](std::string_view why) {
    reactor->Finish(grpc::Status(
        grpc::StatusCode::UNAVAILABLE,
        absl::StrCat("min_sequence: the replica has applied ", replicas_->applied().head(), ", not yet ", min_sequence,
                     "; ", absl::string_view(why.data(), why.size()))));
  };
  std::optional<uint64_t> subscription =
      replicas_->applied().Subscribe(min_sequence - 1, [this, wait, run, unavailable](bool shutting_down) {
        if (wait->done.exchange(true)) return;
        if (const uint64_t t = wait->timer.load()) timer_.Cancel(t);
        if (shutting_down) {
          unavailable("the service is shutting down");
        } else {
          run();
        }
      });
  if (!subscription.has_value()) {  // applied meanwhile, or shutting down
    if (replicas_->applied().shut_down()) {
      unavailable("the service is shutting down");
    } else {
      run();
    }
    return reactor;
  }
  wait->subscription = *subscription;
  // Give up a little before the caller's deadline, so it hears UNAVAILABLE
  // (and why) rather than its own DEADLINE_EXCEEDED.
  const absl::Time now = absl::Now();
  const absl::Time caller = absl::FromChrono(context->deadline());
  const absl::Time deadline =
      std::min(caller == absl::InfiniteFuture() ? caller : now + (caller - now) * 0.9, now + max_wait_);
  wait->timer = timer_.Schedule(deadline, [this, wait, unavailable]() {
    if (wait->done.exchange(true)) return;
    replicas_->applied().Cancel(wait->subscription.load());
    unavailable("gave up at the deadline");
  });
  return reactor;
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetOfficial(grpc::CallbackServerContext* context,
                                                        const accord::v1::GetOfficialRequest* request,
                                                        accord::v1::Official* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->GetOfficial(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListOfficials(grpc::CallbackServerContext* context,
                                                          const accord::v1::ListOfficialsRequest* request,
                                                          accord::v1::ListOfficialsResponse* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->ListOfficials(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetCooperationPlan(grpc::CallbackServerContext* context,
                                                               const accord::v1::GetCooperationPlanRequest* request,
                                                               accord::v1::CooperationPlan* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->GetCooperationPlan(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListCooperationPlans(
    grpc::CallbackServerContext* context, const accord::v1::ListCooperationPlansRequest* request,
    accord::v1::ListCooperationPlansResponse* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->ListCooperationPlans(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetBorderCheckpoint(grpc::CallbackServerContext* context,
                                                                const accord::v1::GetBorderCheckpointRequest* request,
                                                                accord::v1::BorderCheckpoint* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->GetBorderCheckpoint(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListBorderCheckpoints(
    grpc::CallbackServerContext* context, const accord::v1::ListBorderCheckpointsRequest* request,
    accord::v1::ListBorderCheckpointsResponse* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->ListBorderCheckpoints(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetArticle(grpc::CallbackServerContext* context,
                                                       const accord::v1::GetArticleRequest* request,
                                                       accord::v1::Article* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->GetArticle(store, *request), response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListArticles(grpc::CallbackServerContext* context,
                                                         const accord::v1::ListArticlesRequest* request,
                                                         accord::v1::ListArticlesResponse* response) {
  return Serve(context, request->min_sequence(), [this, request, response](const ReplicaStore& store) {
    return Assign(engine_->ListArticles(store, *request), response);
  });
}

}  // namespace accord::query
