// `accord list KIND [--filter=JSON]` and `accord get NAME`: read records from
// the query service and print them as proto3 JSON, one per line.
#ifndef ACCORD_CLI_QUERY_COMMAND_H_
#define ACCORD_CLI_QUERY_COMMAND_H_

#include <string>

#include "absl/time/time.h"
#include "shared/security/client_channel.h"

namespace accord::cli {

struct QueryCommandOptions {
  std::string target;
  // TLS files and the bearer token presented to the service.
  security::ClientSecurity security;
  // The List request's fields in proto3 JSON ({"countryCode":"KH"}); empty for none.
  std::string filter;
  // Read-your-writes: wait until the replica has applied this sequence.
  uint64_t min_sequence = 0;
  // Every page, or only the first.
  bool all_pages = true;
  absl::Duration timeout = absl::Seconds(30);
};

// KIND is officials, plans, checkpoints or articles. Returns the exit status.
int RunList(const std::string& kind, const QueryCommandOptions& options);

// NAME is officials/{id}, plans/{id}, checkpoints/{id} or articles/{id}.
int RunGet(const std::string& name, const QueryCommandOptions& options);

}  // namespace accord::cli

#endif  // ACCORD_CLI_QUERY_COMMAND_H_
