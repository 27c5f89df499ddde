// The ingest request validation (ArticleValidator) and the article identity
// that follows it. The first byte picks the input's shape:
//   even: the rest is an accord.v1.IngestArticleRequest on the wire, as
//         accord-ingest receives it (ParseFromArray);
//   odd:  the rest fills the Article's fields directly (url, title, source,
//         then any date, then the text), as an in-process caller could, so
//         invalid UTF-8 and out-of-range dates reach the validator too.
// ValidateArticle must return OK or INVALID_ARGUMENT naming the field; what it
// accepts must hold what its contract promises and be storable.
#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "accord/v1/ingest_service.pb.h"
#include "ingest_service/core/article_identity.h"
#include "ingest_service/core/article_validator.h"
#include "shared/records/dates.h"
#include "shared/text/utf8.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/proto_checks.h"

namespace accord::fuzz {
namespace {

// Small limits, so fuzzing reaches them.
ingest::ArticleLimits Limits() {
  ingest::ArticleLimits limits;
  limits.max_text_bytes = 2048;
  limits.max_title_bytes = 64;
  limits.max_url_bytes = 128;
  limits.max_source_bytes = 32;
  return limits;
}

void CheckValidated(const accord::v1::Article& a, const ingest::ArticleLimits& limits) {
  for (const std::string* s : {&a.text(), &a.title(), &a.source(), &a.url()}) {
    FUZZ_CHECK(text::IsValidUtf8(*s)) << "accepted invalid UTF-8: \"" << Escape(*s) << "\"";
  }
  FUZZ_CHECK(a.text().size() <= limits.max_text_bytes && a.title().size() <= limits.max_title_bytes &&
             a.url().size() <= limits.max_url_bytes && a.source().size() <= limits.max_source_bytes)
      << "accepted a field over its limit";
  FUZZ_CHECK(!absl::StripAsciiWhitespace(a.text()).empty()) << "accepted a blank text";
  if (!a.url().empty()) {
    const std::string lower = absl::AsciiStrToLower(a.url());
    FUZZ_CHECK(absl::StartsWith(lower, "http://") || absl::StartsWith(lower, "https://"))
        << "accepted url \"" << Escape(a.url()) << "\"";
  }
  FUZZ_CHECK(records::ValidateDate(a.published_on(), "published_on").ok()) << "accepted an impossible date";

  // What ArticleIngestor does next: the id, the name, and storing the article.
  const std::string id = ingest::ArticleIdFor(a.url(), a.text());
  FUZZ_CHECK(id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string::npos) << "id " << id;
  const absl::StatusOr<std::string> parsed = ingest::ParseArticleName(ingest::ArticleName(id), "name");
  FUZZ_CHECK(parsed.ok() && *parsed == id) << "name of " << id << " does not parse back";
  if (!a.url().empty()) {
    // The URL decides, and a fragment does not change it.
    FUZZ_CHECK(ingest::ArticleIdFor(a.url() + "#part", "other text") == id) << "a fragment changed the id";
  }
  accord::v1::Article stored = a;
  stored.set_id(id);
  stored.set_name(ingest::ArticleName(id));
  CheckSerializesAndParsesBack(stored);
}

}  // namespace
}  // namespace accord::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  accord::fuzz::SilenceProtobufLogs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace accord;
  if (size == 0) return 0;
  accord::v1::Article article;
  if (data[0] % 2 == 0) {
    accord::v1::IngestArticleRequest request;
    if (!request.ParseFromArray(data + 1, static_cast<int>(size - 1))) return 0;
    article = request.article();
  } else {
    FuzzedDataProvider in(data + 1, size - 1);
    article.set_url(in.ConsumeRandomLengthString(160));
    article.set_title(in.ConsumeRandomLengthString(80));
    article.set_source(in.ConsumeRandomLengthString(40));
    if (in.ConsumeBool()) {
      article.mutable_published_on()->set_year(in.ConsumeIntegral<int32_t>());
      article.mutable_published_on()->set_month(in.ConsumeIntegral<int32_t>());
      article.mutable_published_on()->set_day(in.ConsumeIntegral<int32_t>());
    }
    article.set_text(in.ConsumeRemainingBytesAsString());
  }
  const ingest::ArticleLimits limits = fuzz::Limits();
  const absl::Status status = ingest::ValidateArticle(article, limits);
  if (status.ok()) {
    fuzz::CheckValidated(article, limits);
  } else {
    FUZZ_CHECK(absl::IsInvalidArgument(status)) << status.ToString();
    FUZZ_CHECK(absl::StartsWith(status.message(), "article.")) << "error not naming its field: " << status.ToString();
  }
  return 0;
}
