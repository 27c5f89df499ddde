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

// RE2 memory budget (program plus its lazily built DFAs) of a pattern whose
// program is larger than kLargeProgramSize instructions: the name-list
// patterns, whose Unicode classes (\p{Lu}, \p{L}) repeat. Within RE2's 8 MiB
// default their DFAs run out of memory on ordinary articles and fall back to
// the NFA, several times slower. Seven patterns qualify, so the most this
// can add is about 7 x 24 MiB, taken only as DFA states are built.
inline constexpr int64_t kLargePatternMemoryBytes = 32 << 20;
inline constexpr int kLargeProgramSize = 10000;

// Options for patterns: errors returned, not logged; RE2's default budget.
RE2::Options PatternOptions();

// Compiles `pattern` into *out (with kLargePatternMemoryBytes when its
// program is large); InternalError naming `what` if it is broken.
absl::Status CompilePattern(std::string_view what, const std::string& pattern, std::unique_ptr<RE2>* out);

// Cheap necessary conditions checked on a text before running patterns, so
// that patterns which cannot match it are not run.
class PatternCues {
 public:
  explicit PatternCues(std::string_view text);

  // Whether the text has "19dd" or "20dd": every year pattern's match does.
  bool HasYear() const;

  // Whether a case-insensitive match of lower-case ASCII `word` may occur.
  // RE2's (?i) also matches U+212A for 'k' and U+017F for 's', so such words
  // are assumed present in text with non-ASCII bytes.
  bool MayContain(std::string_view word) const;

 private:
  std::string lower_;  // ASCII letters lower-cased
  bool non_ascii_ = false;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_PATTERNS_H_
