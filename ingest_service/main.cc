// accord-ingest: parses flags, starts the ingest service, waits for SIGTERM/SIGINT.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "shared/config/env_flags.h"
#include "ingest_service/ingest_server.h"
#include "shared/log/log.h"
#include "shared/server/port_file.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "HOST:PORT to serve gRPC on; port 0 picks a free port");
ABSL_FLAG(std::string, data_dir, "", "Directory for the RocksDB store (created, mode 0700). Required");
ABSL_FLAG(int64_t, max_article_bytes, 1 << 20, "Largest article text accepted, in bytes");
ABSL_FLAG(int32_t, max_message_bytes, 8 << 20, "Largest gRPC message received or sent, in bytes");
ABSL_FLAG(int32_t, max_concurrent_streams, 256, "Most concurrent calls per client connection");
ABSL_FLAG(uint64_t, feed_retention, 1000000,
          "How many of the newest changes the WatchChanges feed keeps; a replica further behind rebuilds");
ABSL_FLAG(int32_t, ingest_workers, 16,
          "Threads that run ingests and deletes; more in flight make bigger group commits");
ABSL_FLAG(int32_t, stream_window, 8, "Articles of one IngestArticles stream ingested at once");
ABSL_FLAG(int64_t, block_cache_mb, 64, "RocksDB block cache, in MiB");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "On SIGTERM: how long in-flight calls get to finish");
ABSL_FLAG(int32_t, max_pending_writes, 256,
          "Unary writes (IngestArticle, DeleteArticle) queued or running at once; more get RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_ingest_streams, 64, "IngestArticles streams open at once; more get RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_feed_streams, 64,
          "WatchChanges streams open at once (one per query replica); more get RESOURCE_EXHAUSTED");
ABSL_FLAG(std::string, write_token_file, "",
          "If set, IngestArticle(s) and DeleteArticle need \"authorization: Bearer T\" with a token T listed in this "
          "file (one per line)");
ABSL_FLAG(std::string, feed_token_file, "",
          "If set, WatchChanges and GetArticle need a bearer token listed in this file");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM certificate chain; serves TLS when set");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM CA bundle; when set, clients (query replicas too) must present a certificate it signed (mutual TLS)");
ABSL_FLAG(std::string, port_file, "", "If set, the bound port is written to this file once serving");

int main(int argc, char** argv) {
  accord::server::BlockTerminationSignals();
  absl::SetProgramUsageMessage(
      "accord-ingest: extracts records from news articles and stores them; serves accord.v1.IngestService.\n"
      "Usage: accord-ingest --data_dir=DIR [--listen=HOST:PORT] [flags]\n"
      "Every flag can also be set by the environment variable ACCORD_<FLAG>, e.g. ACCORD_DATA_DIR;\n"
      "the command line wins.");
  std::vector<std::string> env_args;
  std::vector<char*> args = accord::config::ArgvWithEnvironment(argc, argv, &env_args);
  absl::ParseCommandLine(static_cast<int>(args.size()) - 1, args.data());

  accord::ingest::IngestServerOptions options;
  options.server.listen = absl::GetFlag(FLAGS_listen);
  options.server.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.server.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  options.server.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.limits.max_text_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_article_bytes));
  options.feed_retention = absl::GetFlag(FLAGS_feed_retention);
  options.block_cache_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_block_cache_mb)) << 20;
  options.concurrency.workers = std::max(1, absl::GetFlag(FLAGS_ingest_workers));
  options.concurrency.stream_window = std::max(1, absl::GetFlag(FLAGS_stream_window));
  options.concurrency.max_pending_writes = std::max(1, absl::GetFlag(FLAGS_max_pending_writes));
  options.concurrency.max_ingest_streams = std::max(1, absl::GetFlag(FLAGS_max_ingest_streams));
  options.concurrency.max_feed_streams = std::max(1, absl::GetFlag(FLAGS_max_feed_streams));
  options.write_token_file = absl::GetFlag(FLAGS_write_token_file);
  options.feed_token_file = absl::GetFlag(FLAGS_feed_token_file);
  options.server.tls = {absl::GetFlag(FLAGS_tls_cert_file), absl::GetFlag(FLAGS_tls_key_file),
                        absl::GetFlag(FLAGS_tls_client_ca_file)};

  auto server = accord::ingest::IngestServer::BuildAndStart(options);
  if (!server.ok()) {
    ACCORD_LOG(Error) << "accord-ingest failed to start: " << server.status();
    return 1;
  }
  ACCORD_LOG(Info) << "accord-ingest serving on port " << (*server)->port() << " data_dir=" << options.data_dir;
  if (const std::string port_file = absl::GetFlag(FLAGS_port_file); !port_file.empty()) {
    if (absl::Status written = accord::server::WritePortFile(port_file, (*server)->port()); !written.ok()) {
      ACCORD_LOG(Error) << "accord-ingest: " << written;
      return 1;
    }
  }
  const int signal = accord::server::WaitForTerminationSignal();
  ACCORD_LOG(Info) << "accord-ingest: signal " << signal << ", shutting down";
  (*server)->Shutdown();
  server->reset();
  ACCORD_LOG(Info) << "accord-ingest: stopped cleanly";
  return 0;
}
