#include "ingest_service/extraction/extractor.h"

#include <chrono>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/extraction/test_util.h"

namespace accord::extraction {
namespace {

using test_util::ExtractText;

// Every evidence quotes the original text exactly at its offsets.
template <typename Record>
void ExpectEvidenceExact(const std::string& text, const Record& r) {
  ASSERT_GT(r.evidence_size(), 0) << r.id();
  float best = 0;
  for (const auto& e : r.evidence()) {
    ASSERT_LE(e.start(), e.end());
    ASSERT_LE(e.end(), text.size());
    EXPECT_EQ(text.substr(e.start(), e.end() - e.start()), e.sentence());
    EXPECT_EQ(e.article_id(), "test-article");
    EXPECT_FALSE(e.rule().empty());
    EXPECT_FALSE(e.field().empty());
    EXPECT_GT(e.confidence(), 0.0f);
    EXPECT_LE(e.confidence(), 1.0f);
    best = std::max(best, e.confidence());
  }
  EXPECT_FLOAT_EQ(r.confidence(), best);
}

const char kMessyArticle[] =
    "Sunday, March 2, 2025\n"
    "Related Posts\n"
    "Vietnam, Cambodia sign 2025 security plan\n"
    "HANOI \xE2\x80\x94 Cambodian Deputy Prime Minister and Minister of Interior\xC2\xA0Sok Pheara and "
    "Vietnamese Minister of Public Security General Lu\xCC\x9Bo\xCC\x9Bng Tam Long signed theCooperation Plan "
    "for 2025 on February 27.\n"
    "The plan covers drug trafficking, online fraud and the Moc Bai \xE2\x80\x93 Bavet international border "
    "gate, which reopened last week.\n"
    "\xE2\x80\x9CIt is a good plan,\xE2\x80\x9D said Chan Virak, a political analyst.\n"
    "See more\n"
    "Party General Secretary Nguyen Van Xuan received Director Alain Dupont of the UN office.\n";

TEST(ExtractorTest, EvidenceQuotesTheOriginalText) {
  const std::string text = kMessyArticle;
  const auto x = ExtractText(text);
  EXPECT_EQ(x.article_id(), "test-article");
  EXPECT_EQ(x.article_date().year(), 2025);
  EXPECT_EQ(x.article_date().month(), 3);
  EXPECT_EQ(x.article_date().day(), 2);
  ASSERT_EQ(x.officials_size(), 2);
  for (const auto& o : x.officials()) ExpectEvidenceExact(text, o);
  ASSERT_EQ(x.plans_size(), 1);
  for (const auto& p : x.plans()) ExpectEvidenceExact(text, p);
  ASSERT_EQ(x.checkpoints_size(), 1);
  for (const auto& c : x.checkpoints()) ExpectEvidenceExact(text, c);
  const auto& plan = x.plans(0);
  EXPECT_EQ(plan.id(), "security-kh-vn-2025");
  EXPECT_EQ(plan.signed_on().month(), 2);
  EXPECT_EQ(plan.signed_on().day(), 27);
  EXPECT_THAT(test_util::Signatories(plan), ::testing::UnorderedElementsAre("Sok Pheara", "Lương Tam Long"));
  EXPECT_EQ(x.checkpoints(0).status_history(0).seen_on().day(), 2);
}

TEST(ExtractorTest, EachRecordOnceWithIdAndName) {
  const auto x = ExtractText(std::string(kMessyArticle) + kMessyArticle);
  std::set<std::string> names;
  for (const std::string& n : test_util::Ids(x)) EXPECT_TRUE(names.insert(n).second) << n;
  for (const auto& o : x.officials()) EXPECT_EQ(o.name(), "officials/" + o.id());
  for (const auto& p : x.plans()) EXPECT_EQ(p.name(), "plans/" + p.id());
  for (const auto& c : x.checkpoints()) EXPECT_EQ(c.name(), "checkpoints/" + c.id());
}

TEST(ExtractorTest, PublishedOnBeatsTheDateLine) {
  const auto x = ExtractText("Sunday, March 2, 2025\nNothing else.", 2025, 3, 4);
  EXPECT_EQ(x.article_date().day(), 4);
}

TEST(ExtractorTest, EmptyText) {
  const auto x = ExtractText("");
  EXPECT_EQ(x.officials_size() + x.plans_size() + x.checkpoints_size(), 0);
  EXPECT_EQ(x.article_date().year(), 0);
}

double Seconds(const std::string& text) {
  const auto start = std::chrono::steady_clock::now();
  ExtractText(text);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(ExtractorTest, HostileInputsFinishQuickly) {
  std::string caps;
  for (int i = 0; i < 40000; ++i) caps += "Minister Sok Dara General ";
  std::string dashes(400000, '-');
  std::string dash_names;
  for (int i = 0; i < 40000; ++i) dash_names += "Moc Bai - ";
  dash_names += "border gate";
  std::string marks;
  for (int i = 0; i < 100000; ++i) marks += "a\xCC\x81\xCC\x9B";  // base letter with two combining marks
  std::string years;
  for (int i = 0; i < 20000; ++i) years += "the 2024 plan signed on January 8 by the two ministers. ";
  for (const std::string* t : {&caps, &dashes, &dash_names, &marks, &years}) {
    EXPECT_LT(Seconds(*t), 20.0);
  }
}

TEST(ExtractorTest, ManyOfficialsStayLinear) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "Minister Sok Da" + std::string(1, static_cast<char>('a' + i % 26)) +
            std::string(1, static_cast<char>('a' + (i / 26) % 26)) + " met Gen. Lam. ";
  }
  EXPECT_LT(Seconds(text), 20.0);
}

// A megabyte of one sentence repeated, or of distinct checkpoint names,
// gave 8.5 MB and 55 MB of records (more than a gRPC response may carry).
// Each record now keeps 16 evidence items and each kind stops at 1 MiB.
TEST(ExtractorTest, OutputIsBoundedWhateverTheText) {
  std::string repeated;
  while (repeated.size() < (1u << 20) - 100) {
    repeated += "Cambodian Minister of Interior Sar Sokha signed the 2024 security cooperation plan. ";
  }
  const auto x = ExtractText(repeated);
  ASSERT_EQ(x.officials_size(), 1);
  EXPECT_EQ(x.officials(0).evidence_size(), kMaxEvidencePerRecord);
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_EQ(x.plans(0).evidence_size(), kMaxEvidencePerRecord);
  EXPECT_GT(x.plans(0).confidence(), 0.0f);
  ExpectEvidenceExact(repeated, x.officials(0));

  std::string gates;  // distinct names: "Aoc Aoc Aoc - Aavet Aavet Aavet", ...
  for (int i = 0; gates.size() < (1u << 20) - 200; ++i) {
    std::string a, b;
    for (int j = 0, k = i; j < 3; ++j, k /= 26) {
      a += std::string(1, static_cast<char>('A' + k % 26)) + "oc ";
      b += std::string(1, static_cast<char>('A' + (k / 7) % 26)) + "avet ";
    }
    gates += "the " + a + "- " + b + "international border gate opened. ";
  }
  const auto y = ExtractText(gates);
  EXPECT_GT(y.checkpoints_size(), 100);
  size_t bytes = 0;
  for (const auto& c : y.checkpoints()) bytes += c.ByteSizeLong();
  EXPECT_LE(bytes, kMaxRecordBytesPerKind);
  EXPECT_GT(bytes, kMaxRecordBytesPerKind / 2);
  EXPECT_LT(y.ByteSizeLong(), 3 * kMaxRecordBytesPerKind);
}

}  // namespace
}  // namespace accord::extraction
