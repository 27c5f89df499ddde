// accord-query: parses flags, starts the query service, waits for SIGTERM/SIGINT.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "shared/config/env_flags.h"
#include "query_service/query_server.h"
#include "shared/log/log.h"
#include "shared/server/port_file.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "HOST:PORT to serve gRPC on; port 0 picks a free port");
ABSL_FLAG(std::string, data_dir, "", "Directory for the replica's RocksDB stores (created, mode 0700). Required");
ABSL_FLAG(std::string, ingest, "127.0.0.1:50051", "HOST:PORT of the ingest service whose change feed to follow");
ABSL_FLAG(int32_t, max_message_bytes, 8 << 20, "Largest gRPC message received or sent, in bytes");
ABSL_FLAG(int32_t, max_concurrent_streams, 256, "Most concurrent calls per client connection");
ABSL_FLAG(int32_t, default_page_size, 50, "List page size when the request gives none");
ABSL_FLAG(int32_t, max_page_size, 500, "Larger List page sizes are clamped to this");
ABSL_FLAG(int64_t, max_scanned_per_page, 20000, "Index entries one List page may scan before it returns early");
ABSL_FLAG(absl::Duration, page_token_lifetime, absl::Hours(1), "Older page tokens get INVALID_ARGUMENT");
ABSL_FLAG(absl::Duration, max_wait, absl::Seconds(30), "Longest a call waits for its min_sequence");
ABSL_FLAG(uint32_t, feed_batch, 0, "Most changes per feed response; 0 = the ingest service's default");
ABSL_FLAG(int64_t, block_cache_mb, 64, "RocksDB block cache, in MiB");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10), "On SIGTERM: how long in-flight calls get to finish");
ABSL_FLAG(absl::Duration, max_scan_time, absl::Milliseconds(500),
          "Server-side deadline of one List page's scan; past it the page ends early with a next_page_token");
ABSL_FLAG(int64_t, max_inflight_calls, 1024,
          "Calls running or waiting for min_sequence at once; more get RESOURCE_EXHAUSTED");
ABSL_FLAG(std::string, token_file, "",
          "If set, every QueryService call needs \"authorization: Bearer T\" with a token T listed in this file");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM certificate chain; serves TLS when set");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_client_ca_file, "", "PEM CA bundle; when set, clients must present a certificate it signed");
ABSL_FLAG(std::string, ingest_token_file, "", "Bearer token (first line) presented to the ingest service's feed");
ABSL_FLAG(std::string, ingest_tls_ca_file, "", "PEM CA bundle; reach the ingest service over TLS, verified by it");
ABSL_FLAG(std::string, ingest_tls_cert_file, "", "PEM client certificate for the ingest service (mutual TLS)");
ABSL_FLAG(std::string, ingest_tls_key_file, "", "PEM private key of --ingest_tls_cert_file");
ABSL_FLAG(std::string, ingest_tls_server_name, "",
          "Name to verify the ingest service's certificate against, instead of the host of --ingest");
ABSL_FLAG(std::string, port_file, "", "If set, the bound port is written to this file once listening");

int main(int argc, char** argv) {
  accord::server::BlockTerminationSignals();
  absl::SetProgramUsageMessage(
      "accord-query: serves accord.v1.QueryService from a replica that follows accord-ingest's change feed.\n"
      "Usage: accord-query --data_dir=DIR --ingest=HOST:PORT [--listen=HOST:PORT] [flags]\n"
      "Every flag can also be set by the environment variable ACCORD_<FLAG>, e.g. ACCORD_INGEST;\n"
      "the command line wins.");
  std::vector<std::string> env_args;
  std::vector<char*> args = accord::config::ArgvWithEnvironment(argc, argv, &env_args);
  absl::ParseCommandLine(static_cast<int>(args.size()) - 1, args.data());

  accord::query::QueryServerOptions options;
  options.server.listen = absl::GetFlag(FLAGS_listen);
  options.server.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.server.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  options.server.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.ingest_target = absl::GetFlag(FLAGS_ingest);
  options.limits.default_page_size = absl::GetFlag(FLAGS_default_page_size);
  options.limits.max_page_size = absl::GetFlag(FLAGS_max_page_size);
  options.limits.max_scanned_per_page = static_cast<size_t>(absl::GetFlag(FLAGS_max_scanned_per_page));
  options.page_token_lifetime = absl::GetFlag(FLAGS_page_token_lifetime);
  options.max_wait = absl::GetFlag(FLAGS_max_wait);
  options.block_cache_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_block_cache_mb)) << 20;
  options.follower.max_batch = absl::GetFlag(FLAGS_feed_batch);
  options.limits.max_scan_time = absl::GetFlag(FLAGS_max_scan_time);
  options.max_inflight_calls = static_cast<size_t>(std::max<int64_t>(1, absl::GetFlag(FLAGS_max_inflight_calls)));
  options.token_file = absl::GetFlag(FLAGS_token_file);
  options.server.tls = {absl::GetFlag(FLAGS_tls_cert_file), absl::GetFlag(FLAGS_tls_key_file),
                        absl::GetFlag(FLAGS_tls_client_ca_file)};
  options.ingest_security.token_file = absl::GetFlag(FLAGS_ingest_token_file);
  options.ingest_security.tls = {absl::GetFlag(FLAGS_ingest_tls_ca_file), absl::GetFlag(FLAGS_ingest_tls_cert_file),
                                 absl::GetFlag(FLAGS_ingest_tls_key_file), absl::GetFlag(FLAGS_ingest_tls_server_name)};

  auto server = accord::query::QueryServer::BuildAndStart(options);
  if (!server.ok()) {
    ACCORD_LOG(Error) << "accord-query failed to start: " << server.status();
    return 1;
  }
  ACCORD_LOG(Info) << "accord-query listening on port " << (*server)->port() << ", following " << options.ingest_target
                   << ", data_dir=" << options.data_dir;
  if (const std::string port_file = absl::GetFlag(FLAGS_port_file); !port_file.empty()) {
    if (absl::Status written = accord::server::WritePortFile(port_file, (*server)->port()); !written.ok()) {
      ACCORD_LOG(Error) << "accord-query: " << written;
      return 1;
    }
  }
  const int signal = accord::server::WaitForTerminationSignal();
  ACCORD_LOG(Info) << "accord-query: signal " << signal << ", shutting down";
  (*server)->Shutdown();
  server->reset();
  ACCORD_LOG(Info) << "accord-query: stopped cleanly";
  return 0;
}
