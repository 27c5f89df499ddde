// `accord ingest --target HOST:PORT PATH...`: bulk ingest over IngestArticles.
#ifndef ACCORD_CLI_INGEST_COMMAND_H_
#define ACCORD_CLI_INGEST_COMMAND_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "shared/security/client_channel.h"

namespace accord::cli {

struct IngestCommandOptions {
  std::string target;
  // TLS files and the bearer token presented to the service.
  security::ClientSecurity security;
  std::vector<std::string> paths;
  // Print one summary line per ingested article (what was extracted).
  bool verbose = false;
  absl::Duration timeout = absl::Minutes(10);
};

// Streams every article to the service, prints a progress line on a terminal
// and a summary (ingested, already present, rejected with reasons).
// Returns 0 when nothing was rejected, 1 otherwise, 2 when the stream failed.
int RunIngest(const IngestCommandOptions& options);

}  // namespace accord::cli

#endif  // ACCORD_CLI_INGEST_COMMAND_H_
