#include "ingest_service/core/article_validator.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "shared/records/dates.h"
#include "shared/text/utf8.h"

namespace accord::ingest {
namespace {

absl::Status CheckString(const std::string& value, std::string_view field, size_t max_bytes) {
  const absl::string_view f(field.data(), field.size());
  if (value.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(f, ": ", value.size(), " bytes exceeds the limit of ", max_bytes, " bytes"));
  }
  if (const size_t bad = text::FindInvalidUtf8(value); bad != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(f, ": invalid UTF-8 at byte ", bad));
  }
  // Valid UTF-8, but no text has one: a NUL is a binary file or a caller's bug,
  // and cuts the text short for every C-string consumer downstream.
  if (const size_t nul = value.find('\0'); nul != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(f, ": contains a NUL character at byte ", nul));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateArticle(const accord::v1::Article& a, const ArticleLimits& limits) {
  if (auto s = CheckString(a.text(), "article.text", limits.max_text_bytes); !s.ok()) return s;
  const bool blank = std::all_of(a.text().begin(), a.text().end(),
                                 [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); });
  if (blank) return absl::InvalidArgumentError("article.text: must not be empty");
  if (auto s = CheckString(a.title(), "article.title", limits.max_title_bytes); !s.ok()) return s;
  if (auto s = CheckString(a.source(), "article.source", limits.max_source_bytes); !s.ok()) return s;
  if (auto s = CheckString(a.url(), "article.url", limits.max_url_bytes); !s.ok()) return s;
  if (!a.url().empty()) {
    const std::string lower = absl::AsciiStrToLower(a.url());
    const size_t scheme_len = absl::StartsWith(lower, "http://") ? 7 : absl::StartsWith(lower, "https://") ? 8 : 0;
    if (scheme_len == 0) return absl::InvalidArgumentError("article.url: must be an http or https URL");
    const std::string host = lower.substr(scheme_len, lower.find_first_of("/?#", scheme_len) - scheme_len);
    const bool host_ok = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
      return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' ||
             c == ']';
    });
    if (!host_ok) return absl::InvalidArgumentError("article.url: has no valid host");
    if (std::any_of(a.url().begin(), a.url().end(),
                    [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; })) {
      return absl::InvalidArgumentError("article.url: must not contain spaces or control characters");
    }
  }
  return records::ValidateDate(a.published_on(), "article.published_on");
}

}  // namespace accord::ingest
