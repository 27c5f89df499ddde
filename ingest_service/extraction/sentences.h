// Splits content lines into sentences with byte spans in the normalised
// text. A line break always ends a sentence; inside a line a sentence ends at
// '.', '!' or '?' (plus closing quotes/brackets) followed by whitespace and a
// capital, digit or quote, unless the period belongs to an abbreviation or an
// initial ("Gen.", "Dr.", "H.E.", "A."). Overlong sentences are cut at
// whitespace so that every sentence stays below kMaxSentenceBytes.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_SENTENCES_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_SENTENCES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "ingest_service/extraction/furniture.h"

namespace accord::extraction {

inline constexpr size_t kMaxSentenceBytes = 1200;

struct SentenceSpan {
  uint32_t begin;
  uint32_t end;
};

std::vector<SentenceSpan> SplitSentences(std::string_view normalized, const std::vector<LineSpan>& lines);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_SENTENCES_H_
