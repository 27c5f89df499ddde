// Stable article ids and resource names.
#ifndef ACCORD_INGEST_SERVICE_CORE_ARTICLE_IDENTITY_H_
#define ACCORD_INGEST_SERVICE_CORE_ARTICLE_IDENTITY_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace accord::ingest {

// The URL as compared for identity: scheme and host lower-cased, the
// fragment and a trailing '/' of the path dropped. "" for "".
std::string CanonicalUrl(std::string_view url);

// 16 hex digits of SHA-256 over "url:" + CanonicalUrl(url) when the URL is
// set, else over "text:" + text. The same article always gets the same id.
std::string ArticleIdFor(std::string_view url, std::string_view text);

// "articles/{id}" -> id. INVALID_ARGUMENT naming `field` when the name is not
// of that shape (id: 1-64 of [a-z0-9-]).
absl::StatusOr<std::string> ParseArticleName(std::string_view name, std::string_view field);

std::string ArticleName(std::string_view id);

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_CORE_ARTICLE_IDENTITY_H_
