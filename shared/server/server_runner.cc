#include "shared/server/server_runner.h"

#include <signal.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "shared/log/log.h"
#include "shared/server/call_logger.h"
#include "shared/server/parse_error_status.h"

namespace accord::server {

absl::StatusOr<std::unique_ptr<ServerRunner>> ServerRunner::Start(const ServerOptions& options,
                                                                  const std::vector<NamedService>& services) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      security::MakeServerCredentials(options.tls, "tls");
  if (!credentials.ok()) return credentials.status();
  std::unique_ptr<ServerRunner> runner(new ServerRunner());
  runner->shutdown_grace_ = options.shutdown_grace;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, *credentials, &runner->port_);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams);
  // Keepalive: ping idle clients so a dead peer (a cut link, a killed host)
  // frees its streams, and accept the feed followers' pings (every 10 s).
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 5'000);
  {
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
    interceptors.push_back(std::make_unique<ParseErrorStatusFactory>());  // first: the logger sees its status
    if (options.log_calls) interceptors.push_back(std::make_unique<CallLoggerFactory>());
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  for (const NamedService& named : services) {
    builder.RegisterService(named.service);
    runner->service_names_.push_back(named.full_name);
  }

  runner->server_ = builder.BuildAndStart();
  if (!runner->server_ || runner->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  runner->SetServing(false);
  return runner;
}

ServerRunner::~ServerRunner() { Shutdown(); }

void ServerRunner::SetServing(bool serving) {
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);
  for (const std::string& name : service_names_) health->SetServingStatus(name, serving);
}

void ServerRunner::OnShutdown(std::function<void()> hook) {
  absl::MutexLock lock(&mu_);
  hooks_.push_back(std::move(hook));
}

void ServerRunner::Shutdown() {
  std::vector<std::function<void()>> hooks;
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_ || !server_) return;
    shut_down_ = true;
    hooks.swap(hooks_);
  }
  SetServing(false);
  for (auto& hook : hooks) hook();
  const auto deadline = std::chrono::system_clock::now() +
                        std::chrono::milliseconds(absl::ToInt64Milliseconds(shutdown_grace_));
  server_->Shutdown(deadline);
  server_->Wait();
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  return signal;
}

}  // namespace accord::server
