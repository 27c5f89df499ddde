// Builds and runs the query service: opens the replica set, starts following
// the ingest service's feed, and serves accord.v1.QueryService with health
// and reflection. Health is NOT_SERVING until the replica has caught up with
// the feed's head once after start-up.
#ifndef ACCORD_QUERY_SERVICE_QUERY_SERVER_H_
#define ACCORD_QUERY_SERVICE_QUERY_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "query_service/query/page_token.h"
#include "query_service/query/query_engine.h"
#include "query_service/replication/feed_follower.h"
#include "query_service/replication/replica_set.h"
#include "query_service/service/query_service_impl.h"
#include "shared/security/bearer_token_gate.h"
#include "shared/security/client_channel.h"
#include "shared/server/server_runner.h"

namespace accord::query {

struct QueryServerOptions {
  server::ServerOptions server;
  std::string data_dir;
  // The ingest service's address, HOST:PORT.
  std::string ingest_target;
  QueryLimits limits;
  absl::Duration page_token_lifetime = absl::Hours(1);
  // Longest a call waits for its min_sequence (its own deadline may be shorter).
  absl::Duration max_wait = absl::Seconds(30);
  FollowerOptions follower;
  // How the feed is reached: TLS files and the bearer token it presents.
  security::ClientSecurity ingest_security;
  size_t block_cache_bytes = 64 << 20;
  // Bearer-token file guarding every QueryService call; empty = open.
  std::string token_file;
  // Calls running or waiting for min_sequence at once; beyond it RESOURCE_EXHAUSTED.
  size_t max_inflight_calls = 1024;
};

class QueryServer {
 public:
  static absl::StatusOr<std::unique_ptr<QueryServer>> BuildAndStart(const QueryServerOptions& options);
  ~QueryServer();

  int port() const { return runner_->port(); }
  // A channel to this server that bypasses the network (tests, embedding).
  std::shared_ptr<grpc::Channel> InProcessChannel() const;
  bool caught_up() const { return follower_->caught_up(); }
  // Health NOT_SERVING, waiting calls end UNAVAILABLE, the feed stops, in-flight calls finish.
  void Shutdown();

 private:
  QueryServer() = default;

  std::unique_ptr<ReplicaSet> replicas_;
  std::unique_ptr<security::BearerTokenGate> gate_;
  std::unique_ptr<PageTokenCodec> tokens_;
  std::unique_ptr<QueryEngine> engine_;
  std::unique_ptr<QueryServiceImpl> service_;
  std::unique_ptr<server::ServerRunner> runner_;
  std::unique_ptr<FeedFollower> follower_;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_QUERY_SERVER_H_
