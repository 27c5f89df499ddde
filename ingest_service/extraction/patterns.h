// How the extractor compiles its RE2 patterns (one place for the options).
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_PATTERNS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_PATTERNS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "re2/re2.h"

namespace accord::extraction {

// RE2 memory budget per pattern (program plus its lazily built DFA). The
// name patterns use Unicode classes (\p{Lu}, \p{L}) whose DFAs outgrow RE2's
// 8 MiB default; a DFA out of memory is rebuilt or falls back to the NFA,
// several times slower. Memory is only taken as states are visited.
inline constexpr int64_t kPatternMemoryBytes = 32 << 20;

// The options every extraction pattern is compiled with: errors returned,
// not logged; kPatternMemoryBytes.
RE2::Options PatternOptions();

// Compiles `pattern` into *out; InternalError naming `what` if it is broken.
absl::Status CompilePattern(std::string_view what, const std::string& pattern, std::unique_ptr<RE2>* out);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_PATTERNS_H_
