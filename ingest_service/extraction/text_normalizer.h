// Normalises article text for matching while remembering where every byte
// came from, so that spans found in the normalised text map back to exact
// byte ranges of the original article text.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_TEXT_NORMALIZER_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_TEXT_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord::extraction {

// The normalised form of a text plus an offset map into the original.
// Contract: origin.size() == text.size() + 1; origin[i] is the original byte
// offset of the character that produced text[i]; origin[text.size()] is the
// original length. A span [b, e) of `text` corresponds to the original bytes
// [origin[b], origin[e]).
struct NormalizedText {
  std::string text;
  std::vector<uint32_t> origin;

  uint32_t OriginalOffset(size_t normalized_offset) const { return origin[normalized_offset]; }
};

// Normalises valid UTF-8 `original`:
//  - NFC per base character and its combining marks;
//  - NBSP and other Unicode spaces, tabs -> ' '; CR/CRLF/U+2028/U+2029 -> '\n';
//    zero-width characters and soft hyphens are dropped;
//  - curly single quotes/primes -> '\'', curly double quotes/guillemets -> '"',
//    hyphen/dash variants and minus -> '-', ellipsis -> "...";
//  - words glued by a scrape are split: "MinisterTea" -> "Minister Tea",
//    "theCooperation" -> "the Cooperation", "1Vietnamese" -> "1 Vietnamese",
//    "the2020" -> "the 2020" (inserted spaces map to the next character).
// Invalid UTF-8 bytes are mapped to '?' one byte each.
NormalizedText NormalizeText(std::string_view original);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_TEXT_NORMALIZER_H_
