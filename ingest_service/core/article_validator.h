// Checks an article submitted for ingest. Every failure is INVALID_ARGUMENT
// whose message starts with the field ("article.text: ...").
#ifndef ACCORD_INGEST_SERVICE_CORE_ARTICLE_VALIDATOR_H_
#define ACCORD_INGEST_SERVICE_CORE_ARTICLE_VALIDATOR_H_

#include <cstddef>

#include "absl/status/status.h"
#include "accord/v1/records.pb.h"

namespace accord::ingest {

struct ArticleLimits {
  size_t max_text_bytes = 1 << 20;
  size_t max_title_bytes = 2048;
  size_t max_url_bytes = 4096;
  size_t max_source_bytes = 512;
};

// Rejects: empty or blank text, text over the limit, invalid UTF-8 or a NUL
// character (U+0000) in text, title, source or url, a URL that is not http(s)://host..., an impossible
// published_on (month > 12, day beyond the month, a day without a month,
// parts without a year, a year outside 1800..9999).
absl::Status ValidateArticle(const accord::v1::Article& article, const ArticleLimits& limits);

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_CORE_ARTICLE_VALIDATOR_H_
