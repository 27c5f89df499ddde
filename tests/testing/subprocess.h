// Starts a service binary for integration tests and waits for it to listen.
#ifndef ACCORD_TESTS_TESTING_SUBPROCESS_H_
#define ACCORD_TESTS_TESTING_SUBPROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace accord::testing {

// A child process; killed with SIGKILL on destruction if still running.
class Subprocess {
 public:
  // Starts `binary` with `args`; stderr goes to `log_path`.
  Subprocess(const std::string& binary, const std::vector<std::string>& args, const std::string& log_path);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal) const;
  // Waits for exit; the exit status (or 128 + signal), nullopt on timeout.
  std::optional<int> Wait(absl::Duration timeout);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Polls `path` until it holds a port number (written by --port_file); 0 on timeout.
int WaitForPortFile(const std::string& path, absl::Duration timeout);

}  // namespace accord::testing

#endif  // ACCORD_TESTS_TESTING_SUBPROCESS_H_
