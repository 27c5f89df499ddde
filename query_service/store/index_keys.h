// Which secondary-index keys a record owns (layouts in
// replica_column_families.h), and the normalised filter values queries use
// to build the same keys. Pure functions; no storage.
#ifndef ACCORD_QUERY_SERVICE_STORE_INDEX_KEYS_H_
#define ACCORD_QUERY_SERVICE_STORE_INDEX_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accord/v1/records.pb.h"

namespace accord::query {

struct IndexEntry {
  IndexEntry(size_t f, std::string k, std::string v = "") : family(f), key(std::move(k)), value(std::move(v)) {}

  size_t family;
  std::string key;
  // The id the entry points to; empty means the owning record's own id.
  // (articles_by_record entries point to the article.) Not part of identity:
  // a key always maps to the same value.
  std::string value;
  bool operator<(const IndexEntry& o) const { return family != o.family ? family < o.family : key < o.key; }
  bool operator==(const IndexEntry& o) const { return family == o.family && key == o.key; }
};

// Longest name-word prefix indexed; longer query words are matched on this
// prefix by the index and checked in full on the record.
inline constexpr size_t kMaxIndexedPrefix = 12;

// yyyymmdd with unknown parts 0 (2024-00-00 -> 20240000).
int32_t DateKey(const accord::v1::Date& date);
// The year a plan sorts by: its end year, else its year, else its start year; 0 when none.
int32_t PlanSortYear(const accord::v1::CooperationPlan& plan);
// The inclusive range of years a plan covers; {0, 0} when it has no year.
std::pair<int32_t, int32_t> PlanYears(const accord::v1::CooperationPlan& plan);
// Folded words of an official's display name and aliases.
std::vector<std::string> OfficialNameWords(const accord::v1::Official& official);
// Months (yyyymm) within a year of each role's first and last sighting.
std::vector<int32_t> OfficialActiveMonths(const accord::v1::Official& official);
// Normalised filter values, so that queries build keys the records built.
std::string NormalizeCountry(std::string_view code);  // "kh" -> "KH"
std::string NormalizeName(std::string_view value);    // FoldForMatch

// Returns the sorted, de-duplicated index entries each record owns. An
// article also owns the articles_by_record entries of the records it
// supports (`supports`: their names), so that index changes only when
// articles come and go, never with a popular record's every update.
std::vector<IndexEntry> IndexEntriesFor(const accord::v1::Official& official);
std::vector<IndexEntry> IndexEntriesFor(const accord::v1::CooperationPlan& plan);
std::vector<IndexEntry> IndexEntriesFor(const accord::v1::BorderCheckpoint& checkpoint);
std::vector<IndexEntry> IndexEntriesFor(const accord::v1::Article& article,
                                        const google::protobuf::RepeatedPtrField<std::string>& supports);

// The stored form of a record's entry list (index_entries values).
std::string EncodeIndexEntries(const std::vector<IndexEntry>& entries);
bool DecodeIndexEntries(std::string_view bytes, std::vector<IndexEntry>* entries);

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_STORE_INDEX_KEYS_H_
