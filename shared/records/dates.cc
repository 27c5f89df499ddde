#include "shared/records/dates.h"

#include "absl/strings/str_cat.h"

namespace accord::records {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

absl::Status ValidateDate(const accord::v1::Date& d, std::string_view field) {
  const absl::string_view f(field.data(), field.size());
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return absl::OkStatus();
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(f, ": ", d.year(), "-", d.month(), "-", d.day(), " ",
                                                   absl::string_view(why.data(), why.size())));
  };
  if (d.year() < 1800 || d.year() > 9999) return bad("has a year outside 1800..9999");
  if (d.month() < 0 || d.month() > 12) return bad("has a month outside 1..12");
  if (d.day() < 0) return bad("has a negative day");
  if (d.day() > 0 && d.month() == 0) return bad("has a day but no month");
  if (d.day() > 0 && d.day() > DaysInMonth(d.year(), d.month())) return bad("is not a day of that month");
  return absl::OkStatus();
}

}  // namespace accord::records
