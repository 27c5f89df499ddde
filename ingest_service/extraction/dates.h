// Finds calendar dates in text ("January 23", "Jan. 8, 2021", "9 December
// 2025", "2025-02-19", "19/02/2025", "Saturday, January 10, 2026") and
// resolves partial dates against an anchor (the article's date, or a plan's
// year). Patterns are compiled once; matching is linear (RE2).
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_DATES_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_DATES_H_

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "accord/v1/records.pb.h"
#include "re2/re2.h"

namespace accord::extraction {

struct DateMention {
  accord::v1::Date date;  // year may be 0; month always set; day may be 0
  size_t begin = 0;       // byte offsets in the searched text
  size_t end = 0;
};

class DateFinder {
 public:
  static absl::StatusOr<std::unique_ptr<const DateFinder>> Create();

  // Every date with at least a month, in text order.
  std::vector<DateMention> FindAll(std::string_view text) const;

  // The article's own date line: a full date that begins within the first
  // kDateLinePrefix bytes of one of the first kDateLines non-empty lines
  // ("date 2025-02-19 HÀ NỘI — ...", "Saturday, January 10, 2026") after
  // nothing but labels or a capitalised dateline head ("Hanoi (VNA) – ",
  // "VIENTIANE, ", "Khmer Times | Phnom Penh, ").
  accord::v1::Date FindDateLine(std::string_view normalized_text) const;

  static constexpr int kDateLines = 6;
  static constexpr size_t kDateLinePrefix = 64;

 private:
  DateFinder() = default;

  std::unique_ptr<RE2> iso_;
  std::unique_ptr<RE2> month_day_;
  std::unique_ptr<RE2> day_month_;
  std::unique_ptr<RE2> numeric_;
  std::unique_ptr<RE2> month_year_;
};

// Month number for a folded month name or abbreviation, 0 when none.
int MonthNumber(std::string_view folded);

// Fills a partial date's year from `anchor`: a date with no year takes the
// anchor's year, or the year before when its month is more than two months
// after the anchor's (news reports look back). Returns the input unchanged
// when it has a year or the anchor has none.
accord::v1::Date ResolveDate(const accord::v1::Date& partial, const accord::v1::Date& anchor);

inline bool IsFullDate(const accord::v1::Date& d) { return d.year() > 0 && d.month() > 0 && d.day() > 0; }

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_DATES_H_
