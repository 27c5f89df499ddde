// Writes the port a server bound to a file, for scripts and tests that start
// it on port 0.
#ifndef ACCORD_SHARED_SERVER_PORT_FILE_H_
#define ACCORD_SHARED_SERVER_PORT_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace accord::server {

// Writes "PORT\n" to `path` atomically (a temp file renamed over it), so a
// reader never sees a partial number.
absl::Status WritePortFile(const std::string& path, int port);

}  // namespace accord::server

#endif  // ACCORD_SHARED_SERVER_PORT_FILE_H_
