#include "ingest_service/extraction/dates.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "ingest_service/extraction/folding.h"
#include "ingest_service/extraction/patterns.h"

namespace accord::extraction {
namespace {

constexpr char kMonths[] =
    "(January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

int ToInt(const re2::StringPiece& s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
    if (v > 100000) return 0;
  }
  return v;
}

bool Valid(int y, int m, int d) {
  if (m < 1 || m > 12) return false;
  if (d < 0 || d > 31) return false;
  return y == 0 || (y >= 1900 && y <= 2100);
}

accord::v1::Date MakeDate(int y, int m, int d) {
  accord::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// Whether `prefix` holds only date-line labels: "date", "Published:", "Saturday,".
bool OnlyLabelsBefore(std::string_view prefix) {
  static constexpr std::string_view kLabels[] = {
      "date", "dated", "published", "updated", "posted", "last", "modified", "on", "monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const std::string folded = FoldForMatch(prefix);
  size_t pos = 0;
  while (pos < folded.size()) {
    size_t sp = folded.find(' ', pos);
    if (sp == std::string::npos) sp = folded.size();
    const std::string_view w = std::string_view(folded).substr(pos, sp - pos);
    bool label = false;
    for (std::string_view l : kLabels) label = label || w == l;
    if (!label) return false;
    pos = sp + 1;
  }
  return true;
}

// Whether `prefix` is a dateline head: at most eight words, each capitalised
// (a place, an outlet, a source tag) or a label, joined by punctuation:
// "Hanoi (VNA) - ", "Khmer Times | Phnom Penh, ", "People's Army Newspaper - Kien Giang, ".
bool DatelineHeadBefore(std::string_view prefix) {
  int words = 0;
  size_t i = 0;
  while (i < prefix.size()) {
    const unsigned char c = static_cast<unsigned char>(prefix[i]);
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
    if (!letter) {
      if ((c >= '0' && c <= '9') || c == '.' || c == '!' || c == '?') return false;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < prefix.size() && ((prefix[j] >= 'A' && prefix[j] <= 'Z') || (prefix[j] >= 'a' && prefix[j] <= 'z') ||
                                 static_cast<unsigned char>(prefix[j]) >= 0x80)) {
      ++j;
    }
    const std::string_view w = prefix.substr(i, j - i);
    // "People's": the possessive s after an apostrophe is part of the word.
    const bool possessive_s = w == "s" && i > 0 && prefix[i - 1] == '\'';
    if (!possessive_s && !(c >= 'A' && c <= 'Z') && c < 0x80 && !OnlyLabelsBefore(w)) return false;
    if (!possessive_s && ++words > 8) return false;
    i = j;
  }
  return true;
}

}  // namespace

int MonthNumber(std::string_view f) {
  static constexpr std::string_view kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  if (f.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (f.substr(0, 3) == kNames[i]) return i + 1;
  }
  return 0;
}

absl::StatusOr<std::unique_ptr<const DateFinder>> DateFinder::Create() {
  std::unique_ptr<DateFinder> f(new DateFinder());
  const std::string months = kMonths;
  absl::Status s = CompilePattern("date", R"(\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b)", &f->iso_);
  if (s.ok()) {
    s = CompilePattern("date", R"(\b)" + months + R"(\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*((?:19|20)\d\d)\b)?)",
                &f->month_day_);
  }
  if (s.ok()) {
    s = CompilePattern("date", R"(\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)" + months + R"(\b\.?(?:\s*,?\s*((?:19|20)\d\d)\b)?)",
                &f->day_month_);
  }
  if (s.ok()) s = CompilePattern("date", R"(\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b)", &f->numeric_);
  if (s.ok()) s = CompilePattern("date", R"(\b)" + months + R"(\s+((?:19|20)\d\d)\b)", &f->month_year_);
  if (!s.ok()) return s;
  return std::unique_ptr<const DateFinder>(std::move(f));
}

std::vector<DateMention> DateFinder::FindAll(std::string_view text) const {
  std::vector<DateMention> out;
  // Every date pattern needs an ASCII digit (RE2's \d); most sentences have none.
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return out;
  const re2::StringPiece input(text.data(), text.size());
  auto overlaps = [&out](size_t b, size_t e) {
    for (const DateMention& m : out) {
      if (b < m.end && m.begin < e) return true;
    }
    return false;
  };
  auto scan = [&](const RE2& re, int groups, auto&& build) {
    size_t pos = 0;
    re2::StringPiece g[4];
    while (pos < input.size() && re.Match(input, pos, input.size(), RE2::UNANCHORED, g, groups + 1)) {
      const size_t b = static_cast<size_t>(g[0].data() - input.data());
      const size_t e = b + g[0].size();
      accord::v1::Date d;
      if (build(g, &d) && !overlaps(b, e)) out.push_back({d, b, e});
      pos = std::max(e, b + 1);
    }
  };
  if (text.find('-') != std::string_view::npos) scan(*iso_, 3, [](re2::StringPiece* g, accord::v1::Date* d) {
    const int y = ToInt(g[1]), m = ToInt(g[2]), day = ToInt(g[3]);
    if (!Valid(y, m, day) || day == 0) return false;
    *d = MakeDate(y, m, day);
    return true;
  });
  if (text.find('/') != std::string_view::npos) scan(*numeric_, 3, [](re2::StringPiece* g, accord::v1::Date* d) {
    const int day = ToInt(g[1]), m = ToInt(g[2]), y = ToInt(g[3]);
    if (!Valid(y, m, day) || day == 0) return false;
    *d = MakeDate(y, m, day);
    return true;
  });
  scan(*month_day_, 3, [](re2::StringPiece* g, accord::v1::Date* d) {
    const int m = MonthNumber(FoldForMatch(std::string_view(g[1].data(), g[1].size())));
    const int day = ToInt(g[2]);
    const int y = g[3].empty() ? 0 : ToInt(g[3]);
    if (!Valid(y, m, day) || day == 0) return false;
    *d = MakeDate(y, m, day);
    return true;
  });
  scan(*day_month_, 3, [](re2::StringPiece* g, accord::v1::Date* d) {
    const int day = ToInt(g[1]);
    const int m = MonthNumber(FoldForMatch(std::string_view(g[2].data(), g[2].size())));
    const int y = g[3].empty() ? 0 : ToInt(g[3]);
    if (!Valid(y, m, day) || day == 0) return false;
    *d = MakeDate(y, m, day);
    return true;
  });
  scan(*month_year_, 2, [](re2::StringPiece* g, accord::v1::Date* d) {
    const int m = MonthNumber(FoldForMatch(std::string_view(g[1].data(), g[1].size())));
    const int y = ToInt(g[2]);
    if (!Valid(y, m, 0)) return false;
    *d = MakeDate(y, m, 0);
    return true;
  });
  std::sort(out.begin(), out.end(), [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
  return out;
}

accord::v1::Date DateFinder::FindDateLine(std::string_view text) const {
  size_t pos = 0;
  int lines = 0;
  while (pos < text.size() && lines < kDateLines) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    size_t b = pos;
    while (b < nl && text[b] == ' ') ++b;
    pos = nl + 1;
    if (b == nl) continue;
    ++lines;
    // Only the head of the line matters; bound the scan.
    const std::string_view head = text.substr(b, std::min<size_t>(nl - b, kDateLinePrefix + 40));
    for (const DateMention& m : FindAll(head)) {
      if (m.begin > kDateLinePrefix || !IsFullDate(m.date)) continue;
      const std::string_view before = head.substr(0, m.begin);
      if (OnlyLabelsBefore(before) || DatelineHeadBefore(before)) {
        return m.date;
      }
    }
  }
  return {};
}

accord::v1::Date ResolveDate(const accord::v1::Date& partial, const accord::v1::Date& anchor) {
  if (partial.year() > 0 || anchor.year() == 0) return partial;
  accord::v1::Date d = partial;
  int year = anchor.year();
  if (anchor.month() > 0 && partial.month() > anchor.month() + 2) --year;
  d.set_year(year);
  return d;
}

}  // namespace accord::extraction
