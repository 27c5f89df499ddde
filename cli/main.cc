// accord: the command-line tool. Parses flags and dispatches to a command.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "cli/extract_command.h"
#include "cli/ingest_command.h"
#include "cli/query_command.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "ingest: the ingest service, HOST:PORT");
ABSL_FLAG(bool, verbose, false, "ingest: print what was extracted from each article");
ABSL_FLAG(absl::Duration, timeout, absl::Minutes(10), "deadline for the whole command");
ABSL_FLAG(std::string, query_target, "127.0.0.1:50052", "list, get: the query service, HOST:PORT");
ABSL_FLAG(std::string, filter, "", "list: the List request's filter fields as proto3 JSON, e.g. {\"countryCode\":\"KH\"}");
ABSL_FLAG(std::string, token_file, "", "bearer token (first line of the file) to present to the service");
ABSL_FLAG(std::string, tls_ca_file, "", "PEM CA bundle: connect over TLS and verify the service against it");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM client certificate, for services that require mutual TLS");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_server_name, "", "name to verify the service's certificate against instead of the host");
ABSL_FLAG(uint64_t, min_sequence, 0, "list, get: wait until the replica has applied this sequence");

namespace {

constexpr char kUsage[] =
    "accord: the Accord command-line tool.\n"
    "  accord extract FILE                       extract offline; prints accord.v1.ArticleExtraction as JSON\n"
    "  accord ingest [--target=HOST:PORT] PATH...  bulk ingest files (.txt, .json, .jsonl) and folders\n"
    "  accord list KIND [--query_target=HOST:PORT] [--filter=JSON]\n"
    "                                            KIND: officials, plans, checkpoints, articles; one JSON per line\n"
    "  accord get NAME [--query_target=HOST:PORT] NAME: officials/{id}, plans/{id}, checkpoints/{id}, articles/{id}\n"
    "Secured services: --token_file=FILE (bearer token), --tls_ca_file=PEM [--tls_cert_file --tls_key_file]\n";

}  // namespace

namespace {

accord::security::ClientSecurity SecurityFromFlags() {
  accord::security::ClientSecurity security;
  security.token_file = absl::GetFlag(FLAGS_token_file);
  security.tls = {absl::GetFlag(FLAGS_tls_ca_file), absl::GetFlag(FLAGS_tls_cert_file),
                  absl::GetFlag(FLAGS_tls_key_file), absl::GetFlag(FLAGS_tls_server_name)};
  return security;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "extract") {
    if (args.size() != 1) {
      std::cerr << "usage: accord extract FILE\n";
      return 2;
    }
    return accord::cli::RunExtract(args[0]);
  }
  if (command == "ingest") {
    if (args.empty()) {
      std::cerr << "usage: accord ingest [--target=HOST:PORT] PATH...\n";
      return 2;
    }
    accord::cli::IngestCommandOptions options;
    options.target = absl::GetFlag(FLAGS_target);
    options.security = SecurityFromFlags();
    options.paths = args;
    options.verbose = absl::GetFlag(FLAGS_verbose);
    options.timeout = absl::GetFlag(FLAGS_timeout);
    return accord::cli::RunIngest(options);
  }
  if ((command == "list" || command == "get") && args.size() == 1) {
    accord::cli::QueryCommandOptions options;
    options.target = absl::GetFlag(FLAGS_query_target);
    options.security = SecurityFromFlags();
    options.filter = absl::GetFlag(FLAGS_filter);
    options.min_sequence = absl::GetFlag(FLAGS_min_sequence);
    options.timeout = absl::GetFlag(FLAGS_timeout);
    return command == "list" ? accord::cli::RunList(args[0], options) : accord::cli::RunGet(args[0], options);
  }
  std::cerr << "accord: unknown command or arguments '" << command << "'\n" << kUsage;
  return 2;
}
