#include "shared/log/log.h"

#include <unistd.h>

#include <cstring>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace accord::log {

LogLine::LogLine(Severity severity, const char* file, int line) {
  const char* base = std::strrchr(file, '/');
  const char letter = severity == Severity::kInfo ? 'I' : severity == Severity::kWarning ? 'W' : 'E';
  stream_ << absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()) << ' ' << letter
          << ' ' << (base ? base + 1 : file) << ':' << line << "] ";
}

LogLine::~LogLine() {
  std::string text = stream_.str();
  for (char& c : text) {
    if (c == '\n') c = ' ';  // one event, one line
  }
  text += '\n';
  const ssize_t ignored = ::write(STDERR_FILENO, text.data(), text.size());
  (void)ignored;
}

}  // namespace accord::log
