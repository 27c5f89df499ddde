#include "query_service/query_server.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "shared/status/status_macros.h"

namespace accord::query {

absl::StatusOr<std::unique_ptr<QueryServer>> QueryServer::BuildAndStart(const QueryServerOptions& options) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("data_dir: required");
  const size_t colon = options.ingest_target.rfind(':');
  int ingest_port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(options.ingest_target.substr(colon + 1), &ingest_port) || ingest_port <= 0 ||
      ingest_port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("ingest: '", options.ingest_target,
                                                   "' is not HOST:PORT of accord-ingest with a port in 1..65535"));
  }
  std::unique_ptr<QueryServer> s(new QueryServer());
  storage::RocksDbOptions rocks;
  rocks.sync_writes = false;  // the feed can resend whatever a crash loses
  rocks.block_cache_bytes = options.block_cache_bytes;
  ASSIGN_OR_RETURN(s->replicas_, ReplicaSet::Open(options.data_dir, rocks));
  s->tokens_ = std::make_unique<PageTokenCodec>(options.page_token_lifetime);
  s->engine_ = std::make_unique<QueryEngine>(s->tokens_.get(), options.limits);
  absl::StatusOr<std::unique_ptr<security::BearerTokenGate>> gate =
      security::BearerTokenGate::FromFile("queries", options.token_file);
  if (!gate.ok()) return absl::Status(gate.status().code(), absl::StrCat("token_file: ", gate.status().message()));
  s->gate_ = std::move(*gate);
  s->service_ = std::make_unique<QueryServiceImpl>(s->replicas_.get(), s->engine_.get(), options.max_wait,
                                                   s->gate_.get(), std::max<size_t>(1, options.max_inflight_calls));
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(options.server.max_message_bytes);
  // The channel's own reconnect backoff (default up to 120 s) would hold the
  // replica off a restarted ingest service long after the follower retries.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS,
              static_cast<int>(absl::ToInt64Milliseconds(options.follower.min_backoff)));
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, static_cast<int>(absl::ToInt64Milliseconds(options.follower.min_backoff)));
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, static_cast<int>(absl::ToInt64Milliseconds(options.follower.max_backoff)));
  // Keepalive pings find a dead link (a cut network, a vanished host) within
  // ~15 s even while the feed is idle; the ingest server accepts them.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10'000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5'000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  ASSIGN_OR_RETURN(security::ClientChannel ingest,
                   security::MakeClientChannel(options.ingest_target, options.ingest_security, "ingest_tls",
                                               "ingest_token_file", args));
  FollowerOptions follower = options.follower;
  follower.bearer_token = ingest.bearer_token;
  ASSIGN_OR_RETURN(s->runner_, server::ServerRunner::Start(
                                   options.server, {{accord::v1::QueryService::service_full_name(), s->service_.get()}}));
  s->follower_ = std::make_unique<FeedFollower>(s->replicas_.get(), ingest.channel, follower);
  server::ServerRunner* runner = s->runner_.get();
  s->follower_->OnCaughtUp([runner] { runner->SetServing(true); });
  ReplicaSet* replicas = s->replicas_.get();
  s->runner_->OnShutdown([replicas] { replicas->applied().Shutdown(); });
  s->follower_->Start();
  return s;
}

std::shared_ptr<grpc::Channel> QueryServer::InProcessChannel() const {
  return runner_->server()->InProcessChannel(grpc::ChannelArguments());
}

void QueryServer::Shutdown() {
  if (runner_) runner_->Shutdown();
  if (follower_) follower_->Stop();
}

QueryServer::~QueryServer() {
  if (runner_) Shutdown();
  follower_.reset();
  runner_.reset();
  service_.reset();
  engine_.reset();
  replicas_.reset();
  gate_.reset();
}

}  // namespace accord::query
