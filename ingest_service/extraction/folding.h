// The extractor's folding is shared/text/fold.h (with its ASCII fast path),
// named here so extraction code can call it unqualified.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_FOLDING_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_FOLDING_H_

#include "shared/text/fold.h"

namespace accord::extraction {

using text::FoldDiacritics;
using text::FoldForMatch;
using text::IsAscii;
using text::Slugify;

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_FOLDING_H_
