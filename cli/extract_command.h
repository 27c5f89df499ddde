// `accord extract FILE`: offline extraction, no server.
#ifndef ACCORD_CLI_EXTRACT_COMMAND_H_
#define ACCORD_CLI_EXTRACT_COMMAND_H_

#include <string>

namespace accord::cli {

// Prints the file's ArticleExtraction as one proto3 JSON object on stdout.
// Returns the process exit status (0 ok, 1 error, reported on stderr).
int RunExtract(const std::string& path);

}  // namespace accord::cli

#endif  // ACCORD_CLI_EXTRACT_COMMAND_H_
