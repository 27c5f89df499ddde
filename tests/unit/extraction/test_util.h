// Helpers shared by the extraction tests: run the extractor on inline text
// and look records up by name.
#ifndef ACCORD_TESTS_UNIT_EXTRACTION_TEST_UTIL_H_
#define ACCORD_TESTS_UNIT_EXTRACTION_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "accord/v1/records.pb.h"
#include "gtest/gtest.h"
#include "ingest_service/extraction/extractor.h"
#include "shared/text/fold.h"

namespace accord::extraction::test_util {

inline const Extractor& SharedExtractor() {
  static const Extractor* const extractor = [] {
    auto e = Extractor::Create();
    EXPECT_TRUE(e.ok()) << e.status();
    return e->release();
  }();
  return *extractor;
}

inline accord::v1::ArticleExtraction ExtractText(const std::string& text, int year = 0, int month = 0, int day = 0) {
  accord::v1::Article a;
  a.set_id("test-article");
  a.set_text(text);
  if (year) {
    a.mutable_published_on()->set_year(year);
    a.mutable_published_on()->set_month(month);
    a.mutable_published_on()->set_day(day);
  }
  return SharedExtractor().Extract(a);
}

inline const accord::v1::Official* FindOfficial(const accord::v1::ArticleExtraction& x, const std::string& name) {
  for (const auto& o : x.officials()) {
    if (text::FoldForMatch(o.display_name()) == text::FoldForMatch(name)) return &o;
  }
  return nullptr;
}

inline std::vector<std::string> Titles(const accord::v1::Official& o) {
  std::vector<std::string> out;
  for (const auto& r : o.roles()) out.push_back(r.title());
  return out;
}

inline const accord::v1::CooperationPlan* FindPlan(const accord::v1::ArticleExtraction& x, const std::string& id) {
  for (const auto& p : x.plans()) {
    if (p.id() == id) return &p;
  }
  return nullptr;
}

inline std::vector<std::string> Signatories(const accord::v1::CooperationPlan& p) {
  std::vector<std::string> out;
  for (const auto& s : p.signatories()) out.push_back(s.display_name());
  return out;
}

inline std::vector<std::string> Witnesses(const accord::v1::CooperationPlan& p) {
  std::vector<std::string> out;
  for (const auto& s : p.witnesses()) out.push_back(s.display_name());
  return out;
}

inline const accord::v1::BorderCheckpoint* FindCheckpoint(const accord::v1::ArticleExtraction& x,
                                                          const std::string& id) {
  for (const auto& c : x.checkpoints()) {
    if (c.id() == id) return &c;
  }
  return nullptr;
}

inline std::vector<std::string> Ids(const accord::v1::ArticleExtraction& x) {
  std::vector<std::string> out;
  for (const auto& o : x.officials()) out.push_back(o.name());
  for (const auto& p : x.plans()) out.push_back(p.name());
  for (const auto& c : x.checkpoints()) out.push_back(c.name());
  return out;
}

}  // namespace accord::extraction::test_util

#endif  // ACCORD_TESTS_UNIT_EXTRACTION_TEST_UTIL_H_
