// The path an article takes through accord-ingest, minus storage: the bytes
// are the article's text (the last three bytes pick its published_on),
// ValidateArticle checks it and, when valid, the extractor runs on it. Checks
// what every extraction must satisfy: evidence quotes the text exactly at its
// offsets, every string is valid UTF-8, confidences lie in [0,1], ids and
// names agree, dates are real dates, each record comes once, the result
// survives a serialize/parse round trip and the extractor is deterministic.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "accord/v1/records.pb.h"
#include "ingest_service/core/article_identity.h"
#include "ingest_service/core/article_validator.h"
#include "ingest_service/extraction/extractor.h"
#include "shared/records/dates.h"
#include "shared/records/resource_names.h"
#include "shared/text/utf8.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/proto_checks.h"

namespace accord::fuzz {
namespace {

using accord::v1::Article;
using accord::v1::ArticleExtraction;
using accord::v1::Evidence;

const extraction::Extractor& TheExtractor() {
  static const extraction::Extractor* const extractor = [] {
    auto e = extraction::Extractor::Create();
    FUZZ_CHECK(e.ok()) << e.status().ToString();
    return e->release();
  }();
  return *extractor;
}

// Mostly real dates, sometimes none, sometimes impossible ones (which the
// validator must reject).
accord::v1::Date DateFrom(FuzzedDataProvider& in) {
  const uint8_t y = in.ConsumeIntegral<uint8_t>();
  const uint8_t m = in.ConsumeIntegral<uint8_t>();
  const uint8_t d = in.ConsumeIntegral<uint8_t>();
  accord::v1::Date date;
  if (y < 64) return date;
  date.set_year(1990 + y % 50);
  date.set_month(m % 13);
  if (date.month() != 0) date.set_day(d % 32);
  return date;
}

void CheckConfidence(float c, const std::string& what) {
  FUZZ_CHECK(!std::isnan(c) && c >= 0.0f && c <= 1.0f) << what << " confidence " << c;
}

void CheckDate(const accord::v1::Date& d, const std::string& what) {
  FUZZ_CHECK(records::ValidateDate(d, what).ok()) << records::ValidateDate(d, what).ToString();
}

void CheckEvidence(const google::protobuf::RepeatedPtrField<Evidence>& evidence, const Article& article,
                   const std::string& what) {
  FUZZ_CHECK(!evidence.empty()) << what << " has no evidence";
  const std::string& text = article.text();
  for (const Evidence& e : evidence) {
    FUZZ_CHECK(e.article_id() == article.id()) << what << " evidence of article " << e.article_id();
    FUZZ_CHECK(e.start() <= e.end() && e.end() <= text.size())
        << what << " evidence [" << e.start() << ", " << e.end() << ") outside text of " << text.size() << " bytes";
    FUZZ_CHECK(text.compare(e.start(), e.end() - e.start(), e.sentence()) == 0)
        << what << " evidence [" << e.start() << ", " << e.end() << ") quotes \"" << Escape(e.sentence())
        << "\" but the text there is \"" << Escape(text.substr(e.start(), e.end() - e.start())) << "\"";
    FUZZ_CHECK(e.start() < e.end()) << what << " quotes an empty sentence at " << e.start();
    FUZZ_CHECK(!e.field().empty() && !e.rule().empty()) << what << " evidence without field or rule";
    CheckConfidence(e.confidence(), what + " evidence");
  }
}

template <typename Record>
void CheckRecord(const Record& r, const std::string& collection, const Article& article, std::set<std::string>* ids) {
  const std::string what = collection + "/" + r.id();
  FUZZ_CHECK(records::IsValidId(r.id())) << collection << " record with id \"" << Escape(r.id()) << "\"";
  FUZZ_CHECK(r.name() == what) << "name " << r.name() << " for id " << r.id();
  FUZZ_CHECK(ids->insert(r.id()).second) << what << " comes twice";
  FUZZ_CHECK(r.article_ids_size() == 1 && r.article_ids(0) == article.id()) << what << " article_ids";
  CheckConfidence(r.confidence(), what);
  CheckEvidence(r.evidence(), article, what);
}

void CheckExtraction(const ArticleExtraction& x, const Article& article) {
  FUZZ_CHECK(x.article_id() == article.id()) << "article_id " << x.article_id();
  CheckDate(x.article_date(), "article_date");
  if (article.published_on().year() != 0) {
    FUZZ_CHECK(x.article_date().SerializeAsString() == article.published_on().SerializeAsString())
        << "article_date differs from published_on";
  }
  std::set<std::string> official_ids;
  for (const auto& o : x.officials()) {
    CheckRecord(o, "officials", article, &official_ids);
    FUZZ_CHECK(!o.display_name().empty()) << o.id() << " has no display name";
    for (const auto& role : o.roles()) {
      CheckDate(role.first_seen(), o.id() + " first_seen");
      CheckDate(role.last_seen(), o.id() + " last_seen");
    }
  }
  std::set<std::string> plan_ids;
  for (const auto& p : x.plans()) {
    CheckRecord(p, "plans", article, &plan_ids);
    FUZZ_CHECK(accord::v1::PlanKind_IsValid(p.kind())) << p.id() << " kind " << p.kind();
    for (int f : p.focus_areas()) FUZZ_CHECK(accord::v1::FocusArea_IsValid(f)) << p.id() << " focus " << f;
    CheckDate(p.signed_on(), p.id() + " signed_on");
    for (const auto& s : p.signatories()) {
      FUZZ_CHECK(s.official_id().empty() || official_ids.count(s.official_id()))
          << p.id() << " signatory " << s.official_id() << " is not among the officials";
    }
    for (const auto& w : p.witnesses()) {
      FUZZ_CHECK(w.official_id().empty() || official_ids.count(w.official_id()))
          << p.id() << " witness " << w.official_id() << " is not among the officials";
    }
  }
  std::set<std::string> checkpoint_ids;
  for (const auto& c : x.checkpoints()) {
    CheckRecord(c, "checkpoints", article, &checkpoint_ids);
    FUZZ_CHECK(accord::v1::CheckpointType_IsValid(c.type())) << c.id() << " type " << c.type();
    FUZZ_CHECK(accord::v1::CheckpointStatus_IsValid(c.status())) << c.id() << " status " << c.status();
    FUZZ_CHECK(!c.sides().empty()) << c.id() << " has no sides";
    for (const auto& h : c.status_history()) CheckDate(h.seen_on(), c.id() + " seen_on");
  }
  CheckStringsAreUtf8(x, "extraction");
  CheckSerializesAndParsesBack(x);
}

}  // namespace
}  // namespace accord::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace accord;
  FuzzedDataProvider in(data, size);
  accord::v1::Article article;
  *article.mutable_published_on() = fuzz::DateFrom(in);  // from the input's end
  article.set_text(in.ConsumeRemainingBytesAsString());

  const absl::Status valid = ingest::ValidateArticle(article, ingest::ArticleLimits());
  if (!valid.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(valid)) << valid.ToString();
    return 0;
  }
  FUZZ_CHECK(text::IsValidUtf8(article.text())) << "validator passed invalid UTF-8";
  // As ArticleIngestor::Ingest does before extracting.
  article.set_id(ingest::ArticleIdFor(article.url(), article.text()));
  article.set_name(ingest::ArticleName(article.id()));

  const accord::v1::ArticleExtraction x = fuzz::TheExtractor().Extract(article);
  fuzz::CheckExtraction(x, article);
  if (article.text().size() <= 1024) {  // a second run halves the speed; small inputs suffice
    const accord::v1::ArticleExtraction again = fuzz::TheExtractor().Extract(article);
    FUZZ_CHECK(again.SerializeAsString() == x.SerializeAsString()) << "two extractions of one article differ";
  }
  return 0;
}
