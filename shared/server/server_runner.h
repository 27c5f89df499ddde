// Runs one gRPC server the way every Accord service does: the given services
// plus grpc.health.v1 health and server reflection, message-size and stream
// limits, and a graceful shutdown (health NOT_SERVING, shutdown hooks such as
// ending feed streams, in-flight calls finished within a deadline).
// Thread-safe.
#ifndef ACCORD_SHARED_SERVER_SERVER_RUNNER_H_
#define ACCORD_SHARED_SERVER_SERVER_RUNNER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "shared/security/tls_credentials.h"

namespace accord::server {

struct ServerOptions {
  // HOST:PORT; port 0 picks a free port (see ServerRunner::port()).
  std::string listen = "127.0.0.1:0";
  // Plaintext unless a certificate is given; mutual TLS with a client CA.
  security::ServerTlsFiles tls;
  int max_message_bytes = 8 << 20;
  int max_concurrent_streams = 256;
  // One log line per finished call (method, status, duration, peer).
  bool log_calls = true;
  // How long in-flight calls get to finish once shutdown starts.
  absl::Duration shutdown_grace = absl::Seconds(10);
};

// A service to serve and the full name health reports it under
// (Service::service_full_name(), e.g. "accord.v1.IngestService").
struct NamedService {
  std::string full_name;
  grpc::Service* service;
};

class ServerRunner {
 public:
  // Builds and starts the server with `services` (borrowed; they must outlive
  // the runner). Health reports NOT_SERVING for "" and every service until
  // SetServing(true). Fails when the TLS files cannot be used (naming the
  // flag) or the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<ServerRunner>> Start(const ServerOptions& options,
                                                             const std::vector<NamedService>& services);

  // Shuts down if still running.
  ~ServerRunner();

  int port() const { return port_; }
  grpc::Server* server() const { return server_.get(); }

  // Health status of "" and of every registered service.
  void SetServing(bool serving);

  // `hook` runs once when shutdown begins, before in-flight calls are drained.
  void OnShutdown(std::function<void()> hook);

  // Health NOT_SERVING, hooks, then Server::Shutdown with the grace deadline
  // and Wait. Idempotent; safe from any thread except a gRPC callback.
  void Shutdown();

 private:
  ServerRunner() = default;

  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  absl::Duration shutdown_grace_;
  std::vector<std::string> service_names_;
  absl::Mutex mu_;
  std::vector<std::function<void()>> hooks_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts
// afterwards. REQUIRES: called first in main, before any thread exists.
void BlockTerminationSignals();

// Waits for SIGTERM or SIGINT (REQUIRES: BlockTerminationSignals) and returns it.
int WaitForTerminationSignal();

}  // namespace accord::server

#endif  // ACCORD_SHARED_SERVER_SERVER_RUNNER_H_
