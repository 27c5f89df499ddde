#include "query_service/store/index_keys.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "query_service/store/replica_column_families.h"
#include "shared/storage/key_codec.h"
#include "shared/text/fold.h"

namespace accord::query {
namespace {

using storage::KeyBuilder;

std::vector<IndexEntry> SortedUnique(std::vector<IndexEntry> entries) {
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  return entries;
}

int32_t MonthIndex(int32_t year, int32_t month) { return year * 12 + (month - 1); }

}  // namespace

int32_t DateKey(const accord::v1::Date& d) { return d.year() * 10000 + d.month() * 100 + d.day(); }

std::pair<int32_t, int32_t> PlanYears(const accord::v1::CooperationPlan& p) {
  int32_t first = p.start_year() ? p.start_year() : p.year();
  int32_t last = p.end_year() ? p.end_year() : p.year();
  if (first == 0) first = last;
  if (last == 0) last = first;
  if (first > last) std::swap(first, last);
  return {first, last};
}

int32_t PlanSortYear(const accord::v1::CooperationPlan& p) { return PlanYears(p).second; }

std::string NormalizeCountry(std::string_view code) {
  return absl::AsciiStrToUpper(absl::string_view(code.data(), code.size()));
}

std::string NormalizeName(std::string_view value) { return text::FoldForMatch(value); }

std::vector<std::string> OfficialNameWords(const accord::v1::Official& o) {
  std::set<std::string> words;
  auto add = [&](const std::string& name) {
    for (absl::string_view w : absl::StrSplit(text::FoldForMatch(name), ' ', absl::SkipEmpty())) words.emplace(w);
  };
  add(o.display_name());
  for (const std::string& alias : o.aliases()) add(alias);
  return {words.begin(), words.end()};
}

std::vector<int32_t> OfficialActiveMonths(const accord::v1::Official& o) {
  std::set<int32_t> months;
  for (const accord::v1::Role& role : o.roles()) {
    const accord::v1::Date& first = role.first_seen().year() ? role.first_seen() : role.last_seen();
    const accord::v1::Date& last = role.last_seen().year() ? role.last_seen() : role.first_seen();
    if (first.year() == 0) continue;
    const int32_t from = MonthIndex(first.year(), first.month() ? first.month() : 1) - 12;
    int32_t to = MonthIndex(last.year(), last.month() ? last.month() : 12) + 12;
    to = std::min(to, from + 12 * 40);  // a role spanning decades still gets bounded keys
    for (int32_t m = from; m <= to; ++m) months.insert((m / 12) * 100 + (m % 12) + 1);
  }
  return {months.begin(), months.end()};
}

std::vector<IndexEntry> IndexEntriesFor(const accord::v1::Official& o) {
  std::vector<IndexEntry> out;
  if (!o.country_code().empty()) {
    out.push_back({kOfficialsByCountry, KeyBuilder().String(NormalizeCountry(o.country_code())).String(o.id()).Build()});
  }
  for (const std::string& word : OfficialNameWords(o)) {
    for (size_t len = 1; len <= std::min(word.size(), kMaxIndexedPrefix); ++len) {
      out.push_back({kOfficialsByNamePrefix, KeyBuilder().String(word.substr(0, len)).String(o.id()).Build()});
    }
  }
  for (const accord::v1::Role& role : o.roles()) {
    const std::string org = NormalizeName(role.organization());
    if (!org.empty()) out.push_back({kOfficialsByOrganization, KeyBuilder().String(org).String(o.id()).Build()});
  }
  for (int32_t month : OfficialActiveMonths(o)) {
    out.push_back({kOfficialsByActiveMonth, KeyBuilder().Int32(month).String(o.id()).Build()});
  }
  return SortedUnique(std::move(out));
}

std::vector<IndexEntry> IndexEntriesFor(const accord::v1::CooperationPlan& p) {
  std::vector<IndexEntry> out;
  const auto [first, last] = PlanYears(p);
  for (int32_t y = first; y <= last && y - first < 100; ++y) {
    out.push_back({kPlansByYear, KeyBuilder().DescendingInt32(y).String(p.id()).Build()});
  }
  const int32_t sort_year = PlanSortYear(p);
  for (const accord::v1::Party& party : p.parties()) {
    if (party.country_code().empty()) continue;
    out.push_back({kPlansByCountry, KeyBuilder()
                                        .String(NormalizeCountry(party.country_code()))
                                        .DescendingInt32(sort_year)
                                        .String(p.id())
                                        .Build()});
  }
  out.push_back({kPlansByKind, KeyBuilder().Int32(p.kind()).DescendingInt32(sort_year).String(p.id()).Build()});
  for (int focus : p.focus_areas()) {
    out.push_back({kPlansByFocus, KeyBuilder().Int32(focus).DescendingInt32(sort_year).String(p.id()).Build()});
  }
  for (const accord::v1::PlanParticipant& s : p.signatories()) {
    const std::string official = s.official_id().empty() ? text::Slugify(s.display_name()) : s.official_id();
    if (official.empty()) continue;
    out.push_back(
        {kPlansBySignatory, KeyBuilder().String(official).DescendingInt32(sort_year).String(p.id()).Build()});
  }
  return SortedUnique(std::move(out));
}

std::vector<IndexEntry> IndexEntriesFor(const accord::v1::BorderCheckpoint& c) {
  std::vector<IndexEntry> out;
  for (const accord::v1::CheckpointSide& side : c.sides()) {
    if (!side.country_code().empty()) {
      out.push_back(
          {kCheckpointsByCountry, KeyBuilder().String(NormalizeCountry(side.country_code())).String(c.id()).Build()});
    }
    const std::string province = NormalizeName(side.province());
    if (!province.empty()) {
      out.push_back({kCheckpointsByProvince, KeyBuilder().String(province).String(c.id()).Build()});
    }
  }
  out.push_back({kCheckpointsByType, KeyBuilder().Int32(c.type()).String(c.id()).Build()});
  out.push_back({kCheckpointsByStatus, KeyBuilder().Int32(c.status()).String(c.id()).Build()});
  return SortedUnique(std::move(out));
}

std::vector<IndexEntry> IndexEntriesFor(const accord::v1::Article& a,
                                        const google::protobuf::RepeatedPtrField<std::string>& supports) {
  std::vector<IndexEntry> out;
  const int32_t date = DateKey(a.published_on());
  out.push_back({kArticlesByDate, KeyBuilder().DescendingInt32(date).String(a.id()).Build()});
  for (const std::string& record_name : supports) {
    out.push_back({kArticlesByRecord, KeyBuilder().String(record_name).DescendingInt32(date).String(a.id()).Build()});
  }
  const std::string source = NormalizeName(a.source());
  if (!source.empty()) {
    out.push_back({kArticlesBySource, KeyBuilder().String(source).DescendingInt32(date).String(a.id()).Build()});
  }
  return SortedUnique(std::move(out));
}

std::string EncodeIndexEntries(const std::vector<IndexEntry>& entries) {
  KeyBuilder b;
  for (const IndexEntry& e : entries) b.Uint64(e.family).String(e.key);
  return b.Build();
}

bool DecodeIndexEntries(std::string_view bytes, std::vector<IndexEntry>* entries) {
  storage::KeyReader r(bytes);
  entries->clear();
  while (!r.AtEnd()) {
    uint64_t family;
    std::string key;
    if (!r.Uint64(&family) || family >= kReplicaFamilyCount || !r.String(&key)) return false;
    entries->emplace_back(static_cast<size_t>(family), std::move(key));
  }
  return true;
}

}  // namespace accord::query
