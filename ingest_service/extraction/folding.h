// The extractor's folding: text::FoldForMatch, FoldDiacritics and Slugify
// with an ASCII fast path. Results are identical to shared/text/fold.h; for
// ASCII input (most English news) utf8proc is skipped, since NFKD, mark
// stripping and case folding reduce to lower-casing A-Z there.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_FOLDING_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_FOLDING_H_

#include <string>
#include <string_view>

namespace accord::extraction {

// True when every byte of `s` is below 0x80.
bool IsAscii(std::string_view s);

// Same result as text::FoldDiacritics(s).
std::string FoldDiacritics(std::string_view s);

// Same result as text::FoldForMatch(s).
std::string FoldForMatch(std::string_view s);

// Same result as text::Slugify(s).
std::string Slugify(std::string_view s);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_FOLDING_H_
