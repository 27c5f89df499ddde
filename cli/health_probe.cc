// accord-health-probe: calls grpc.health.v1.Health/Check once and exits 0 when
// the answer is SERVING, 1 otherwise (NOT_SERVING, unknown service, no
// answer before --timeout, bad address). Prints the status either way. Made
// for container HEALTHCHECKs: Debian has neither grpc_health_probe nor grpcurl.
//
//   accord-health-probe [--addr=127.0.0.1:PORT] [--service=NAME] [--timeout=2s]
//
// Without --addr it checks the port of $ACCORD_LISTEN on 127.0.0.1 (a
// wildcard host such as 0.0.0.0 or [::] becomes 127.0.0.1), so one HEALTHCHECK
// follows whatever address the service in the same container was given; with
// neither, 127.0.0.1:50051.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "shared/security/client_channel.h"
#include "grpcpp/security/credentials.h"

ABSL_FLAG(std::string, addr, "", "HOST:PORT to check (default: 127.0.0.1 and the port of $ACCORD_LISTEN)");
ABSL_FLAG(std::string, service, "", "service name to check; empty means the whole server");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(2), "deadline for connecting and the Check call");
ABSL_FLAG(std::string, tls_ca_file, "", "PEM CA bundle: check over TLS, verifying the server against it");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM client certificate, for servers that require mutual TLS");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_server_name, "", "name to verify the server's certificate against instead of the host");

namespace {

// "0.0.0.0:50052", "[::]:50052", ":50052" -> "127.0.0.1:50052"; other hosts are kept.
std::string LocalAddressFor(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return "127.0.0.1:" + listen;
  const std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (host.empty() || host == "0.0.0.0" || host == "[::]" || host == "::" || host == "*") {
    return "127.0.0.1:" + port;
  }
  return listen;
}

const char* StatusName(grpc::health::v1::HealthCheckResponse::ServingStatus status) {
  switch (status) {
    case grpc::health::v1::HealthCheckResponse::SERVING: return "SERVING";
    case grpc::health::v1::HealthCheckResponse::NOT_SERVING: return "NOT_SERVING";
    case grpc::health::v1::HealthCheckResponse::SERVICE_UNKNOWN: return "SERVICE_UNKNOWN";
    default: return "UNKNOWN";
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "accord-health-probe: grpc.health.v1 Check; exit 0 when SERVING, 1 otherwise.\n"
      "Usage: accord-health-probe [--addr=127.0.0.1:PORT] [--service=NAME] [--timeout=2s] [--tls_ca_file=PEM ...]");
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  if (rest.size() > 1) {
    std::cerr << "accord-health-probe: unexpected argument '" << rest[1] << "'\n";
    return 2;
  }
  std::string addr = absl::GetFlag(FLAGS_addr);
  if (addr.empty()) {
    const char* listen = std::getenv("ACCORD_LISTEN");
    addr = (listen != nullptr && *listen != '\0') ? LocalAddressFor(listen) : "127.0.0.1:50051";
  }
  const std::string service = absl::GetFlag(FLAGS_service);
  const absl::Duration timeout = absl::GetFlag(FLAGS_timeout);
  const std::string what = addr + (service.empty() ? "" : " service=" + service);

  // Health is never behind a bearer token, so only TLS matters here.
  accord::security::ClientSecurity security;
  security.tls = {absl::GetFlag(FLAGS_tls_ca_file), absl::GetFlag(FLAGS_tls_cert_file),
                  absl::GetFlag(FLAGS_tls_key_file), absl::GetFlag(FLAGS_tls_server_name)};
  absl::StatusOr<accord::security::ClientChannel> channel =
      accord::security::MakeClientChannel(addr, security, "tls", "token_file");
  if (!channel.ok()) {
    std::cerr << "accord-health-probe: " << channel.status().message() << "\n";
    return 2;
  }
  auto stub = grpc::health::v1::Health::NewStub(channel->channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  context.set_wait_for_ready(true);  // wait out a connection in progress, up to the deadline
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) {
    std::cout << what << ": no answer: " << status.error_code() << " " << status.error_message() << "\n";
    return 1;
  }
  std::cout << what << ": " << StatusName(response.status()) << "\n";
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? 0 : 1;
}
