// Removes web-page furniture from an article's normalised text: navigation
// and section labels, repeated headlines, photo captions, comment forms, and
// everything after an end-of-article marker ("See more", "Related Posts",
// "LEAVE A REPLY", "Popular Articles", ...) once the story itself has been
// seen. What remains is a list of content lines.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_FURNITURE_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_FURNITURE_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace accord::extraction {

// A line of content: [begin, end) in the normalised text, trimmed.
struct LineSpan {
  uint32_t begin;
  uint32_t end;
};

// Returns the content lines of `normalized` in text order. Linear in its size.
std::vector<LineSpan> ContentLines(std::string_view normalized);

// Whether `folded_line` (FoldForMatch form) is an end-of-article marker.
bool IsEndMarker(std::string_view folded_line);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_FURNITURE_H_
