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

PatternCues::PatternCues(std::string_view text) : lower_(text) {
  for (char& c : lower_) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (static_cast<unsigned char>(c) >= 0x80) non_ascii_ = true;
  }
}

bool PatternCues::HasYear() const {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i + 3 < lower_.size(); ++i) {
    const char a = lower_[i], b = lower_[i + 1];
    if (((a == '1' && b == '9') || (a == '2' && b == '0')) && digit(lower_[i + 2]) && digit(lower_[i + 3])) {
      return true;
    }
  }
  return false;
}

bool PatternCues::MayContain(std::string_view word) const {
  if (non_ascii_ && word.find_first_of("ks") != std::string_view::npos) return true;
  return lower_.find(word) != std::string::npos;
}

}  // namespace accord::extraction
