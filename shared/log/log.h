// Minimal structured logging to stderr: one line per event,
//   2026-11-23T09:00:00.123Z I ingest_service.cc:42] message
// abseil 20220623 has no absl/log; this shim is all the services need.
#ifndef ACCORD_SHARED_LOG_LOG_H_
#define ACCORD_SHARED_LOG_LOG_H_

#include <sstream>

namespace accord::log {

enum class Severity { kInfo, kWarning, kError };

// Collects one line and writes it to stderr (atomically, with one write) on destruction.
class LogLine {
 public:
  LogLine(Severity severity, const char* file, int line);
  ~LogLine();
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

}  // namespace accord::log

#define ACCORD_LOG(severity) \
  ::accord::log::LogLine(::accord::log::Severity::k##severity, __FILE__, __LINE__).stream()

#endif  // ACCORD_SHARED_LOG_LOG_H_
