#include "ingest_service/core/article_identity.h"

#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "shared/records/resource_names.h"

namespace accord::ingest {

std::string CanonicalUrl(std::string_view url) {
  std::string u(url);
  if (const size_t hash = u.find('#'); hash != std::string::npos) u.resize(hash);
  const size_t scheme_end = u.find("://");
  if (scheme_end != std::string::npos) {
    const size_t host_end = std::min(u.find_first_of("/?", scheme_end + 3), u.size());
    for (size_t i = 0; i < host_end; ++i) u[i] = absl::ascii_tolower(static_cast<unsigned char>(u[i]));
  }
  if (u.size() > 1 && u.back() == '/' && u.find('?') == std::string::npos) u.pop_back();
  return u;
}

std::string ArticleIdFor(std::string_view url, std::string_view text) {
  const std::string input = url.empty() ? absl::StrCat("text:", absl::string_view(text.data(), text.size()))
                                        : absl::StrCat("url:", CanonicalUrl(url));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), 8));
}

absl::StatusOr<std::string> ParseArticleName(std::string_view name, std::string_view field) {
  return records::ParseResourceName(name, "articles", field);
}

std::string ArticleName(std::string_view id) { return absl::StrCat("articles/", absl::string_view(id.data(), id.size())); }

}  // namespace accord::ingest
