#include "ingest_service/extraction/patterns.h"

#include "absl/strings/str_cat.h"

namespace accord::extraction {

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

absl::Status CompilePattern(std::string_view what, const std::string& pattern, std::unique_ptr<RE2>* out) {
  RE2::Options options = PatternOptions();
  auto re = std::make_unique<RE2>(pattern, options);
  if (re->ok() && re->ProgramSize() > kLargeProgramSize) {
    options.set_max_mem(kLargePatternMemoryBytes);
    re = std::make_unique<RE2>(pattern, options);
  }
  if (!re->ok()) {
    return absl::InternalError(absl::StrCat("bad ", std::string(what), " pattern '", pattern, "': ", re->error()));
  }
  *out = std::move(re);
  return absl::OkStatus();
}

}  // namespace accord::extraction
