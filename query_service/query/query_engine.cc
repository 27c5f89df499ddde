#include "query_service/query/query_engine.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "query_service/store/index_keys.h"
#include "shared/records/dates.h"
#include "shared/records/resource_names.h"
#include "shared/status/status_macros.h"
#include "shared/storage/key_codec.h"
#include "shared/text/fold.h"

namespace accord::query {
namespace {

using storage::KeyBuilder;
using storage::KeyReader;
using storage::PrefixSuccessor;

// The key range one List scans, and how its entries become records.
struct ScanPlan {
  size_t family;
  std::string lower;
  std::string upper;  // empty: no bound
  // True when the family holds the records themselves (keyed by id), false
  // when it is an index whose values are record ids.
  bool values_are_records = false;
};

ScanPlan PrefixPlan(size_t family, const std::string& prefix) {
  return {family, prefix, PrefixSuccessor(prefix), false};
}

template <typename Record>
struct Page {
  std::vector<Record> records;
  std::string next_page_token;
};

absl::StatusOr<int> EffectivePageSize(int requested, const QueryLimits& limits) {
  if (requested < 0) return absl::InvalidArgumentError("page_size: must not be negative");
  if (requested == 0) return limits.default_page_size;
  return std::min(requested, limits.max_page_size);
}

// Runs one page of a List. `get` loads a record by id (index scans); `keep`
// checks the filters the index does not.
template <typename Record, typename Request>
absl::StatusOr<Page<Record>> RunList(
    const ReplicaStore& store, const ScanPlan& plan, const Request& request, const PageTokenCodec& tokens,
    const QueryLimits& limits,
    const std::function<absl::StatusOr<std::optional<Record>>(const std::string&)>& get,
    const std::function<bool(const Record&, std::string_view key)>& keep) {
  Request filters = request;
  filters.clear_page_size();
  filters.clear_page_token();
  filters.clear_min_sequence();
  ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(request.page_size(), limits));
  std::string after;
  if (!request.page_token().empty()) {
    ASSIGN_OR_RETURN(after, tokens.Decode(request.page_token(), filters));
    // The same filters scan the same range, so an issued position lies in it.
    // (The checksum is no secret: a token can be forged with any position.)
    if (after < plan.lower || (!plan.upper.empty() && after >= plan.upper)) {
      return absl::InvalidArgumentError("page_token: is not a position of this query's scan");
    }
  }
  Page<Record> page;
  std::string last_key;
  size_t scanned = 0;
  bool more = false;
  absl::Status inner;
  const absl::Time give_up = absl::Now() + limits.max_scan_time;
  RETURN_IF_ERROR(store.ScanIndex(
      plan.family, plan.lower, plan.upper, after, [&](std::string_view key, std::string_view value) {
        // The clock is read every 256 entries; a page always makes progress.
        const bool out_of_time = scanned > 0 && scanned % 256 == 0 && absl::Now() > give_up;
        if (static_cast<int>(page.records.size()) >= page_size || scanned >= limits.max_scanned_per_page ||
            out_of_time) {
          more = true;
          return false;
        }
        ++scanned;
        last_key.assign(key.data(), key.size());
        std::optional<Record> record;
        if (plan.values_are_records) {
          record.emplace();
          if (!record->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            inner = absl::DataLossError("a stored record does not parse");
            return false;
          }
        } else {
          absl::StatusOr<std::optional<Record>> loaded = get(std::string(value));
          if (!loaded.ok()) {
            inner = loaded.status();
            return false;
          }
          record = std::move(*loaded);
        }
        if (record.has_value() && keep(*record, key)) page.records.push_back(std::move(*record));
        return true;
      }));
  RETURN_IF_ERROR(inner);
  if (more) page.next_page_token = tokens.Encode(filters, last_key);
  return page;
}

absl::StatusOr<std::string> CountryFilter(const std::string& code, std::string_view field) {
  if (code.empty()) return std::string();
  if (code.size() != 2 || !absl::ascii_isalpha(static_cast<unsigned char>(code[0])) ||
      !absl::ascii_isalpha(static_cast<unsigned char>(code[1]))) {
    return absl::InvalidArgumentError(absl::StrCat(absl::string_view(field.data(), field.size()),
                                                   ": must be an ISO 3166-1 alpha-2 code such as KH or VN"));
  }
  return NormalizeCountry(code);
}

template <typename Record>
absl::StatusOr<Record> Found(absl::StatusOr<std::optional<Record>> record, const std::string& name) {
  if (!record.ok()) return record.status();
  if (!record->has_value()) return absl::NotFoundError(absl::StrCat("name: ", name, " not found"));
  return std::move(**record);
}

// Month (yyyymm) an active_on date stands for; mid-year when the month is unknown.
int32_t ActiveMonth(const accord::v1::Date& d) { return d.year() * 100 + (d.month() ? d.month() : 6); }

bool Contains(const std::vector<int32_t>& sorted, int32_t v) { return std::binary_search(sorted.begin(), sorted.end(), v); }

// The year a plans_by_year key stands for.
int32_t KeyYear(std::string_view key) {
  KeyReader reader(key);
  int32_t year = 0;
  reader.DescendingInt32(&year);
  return year;
}

}  // namespace

// ---- Get ----

absl::StatusOr<accord::v1::Official> QueryEngine::GetOfficial(const ReplicaStore& store,
                                                              const accord::v1::GetOfficialRequest& r) const {
  ASSIGN_OR_RETURN(std::string id, records::ParseResourceName(r.name(), "officials", "name"));
  return Found(store.GetOfficial(id), r.name());
}

absl::StatusOr<accord::v1::CooperationPlan> QueryEngine::GetCooperationPlan(
    const ReplicaStore& store, const accord::v1::GetCooperationPlanRequest& r) const {
  ASSIGN_OR_RETURN(std::string id, records::ParseResourceName(r.name(), "plans", "name"));
  return Found(store.GetPlan(id), r.name());
}

absl::StatusOr<accord::v1::BorderCheckpoint> QueryEngine::GetBorderCheckpoint(
    const ReplicaStore& store, const accord::v1::GetBorderCheckpointRequest& r) const {
  ASSIGN_OR_RETURN(std::string id, records::ParseResourceName(r.name(), "checkpoints", "name"));
  return Found(store.GetCheckpoint(id), r.name());
}

absl::StatusOr<accord::v1::Article> QueryEngine::GetArticle(const ReplicaStore& store,
                                                            const accord::v1::GetArticleRequest& r) const {
  ASSIGN_OR_RETURN(std::string id, records::ParseResourceName(r.name(), "articles", "name"));
  return Found(store.GetArticle(id), r.name());
}

// ---- ListOfficials: ordered by id ----

absl::StatusOr<accord::v1::ListOfficialsResponse> QueryEngine::ListOfficials(
    const ReplicaStore& store, const accord::v1::ListOfficialsRequest& r) const {
  ASSIGN_OR_RETURN(const std::string country, CountryFilter(r.country_code(), "country_code"));
  const std::vector<std::string> words = absl::StrSplit(text::FoldForMatch(r.name_query()), ' ', absl::SkipEmpty());
  if (!r.name_query().empty() && words.empty()) {
    return absl::InvalidArgumentError("name_query: has no letters or digits to match");
  }
  const std::string organization = NormalizeName(r.organization());
  if (!r.organization().empty() && organization.empty()) {
    return absl::InvalidArgumentError("organization: has no letters or digits to match");
  }
  RETURN_IF_ERROR(records::ValidateDate(r.active_on(), "active_on"));
  const bool active_filter = r.active_on().year() != 0;
  const int32_t active_month = ActiveMonth(r.active_on());

  ScanPlan plan{kOfficials, "", "", true};
  if (!words.empty()) {
    const std::string& longest = *std::max_element(
        words.begin(), words.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    plan = PrefixPlan(kOfficialsByNamePrefix, KeyBuilder().String(longest.substr(0, kMaxIndexedPrefix)).Build());
  } else if (!organization.empty()) {
    plan = PrefixPlan(kOfficialsByOrganization, KeyBuilder().String(organization).Build());
  } else if (!country.empty()) {
    plan = PrefixPlan(kOfficialsByCountry, KeyBuilder().String(country).Build());
  } else if (active_filter) {
    plan = PrefixPlan(kOfficialsByActiveMonth, KeyBuilder().Int32(active_month).Build());
  }
  auto keep = [&](const accord::v1::Official& o, std::string_view) {
    if (!country.empty() && NormalizeCountry(o.country_code()) != country) return false;
    if (!words.empty()) {
      const std::vector<std::string> name_words = OfficialNameWords(o);
      for (const std::string& q : words) {
        if (std::none_of(name_words.begin(), name_words.end(),
                         [&](const std::string& w) { return absl::StartsWith(w, q); })) {
          return false;
        }
      }
    }
    if (!organization.empty() && std::none_of(o.roles().begin(), o.roles().end(), [&](const accord::v1::Role& role) {
          return NormalizeName(role.organization()) == organization;
        })) {
      return false;
    }
    if (active_filter && !Contains(OfficialActiveMonths(o), active_month)) return false;
    return true;
  };
  ASSIGN_OR_RETURN(Page<accord::v1::Official> page,
                   (RunList<accord::v1::Official>(
                       store, plan, r, *tokens_, limits_, [&](const std::string& id) { return store.GetOfficial(id); },
                       keep)));
  accord::v1::ListOfficialsResponse response;
  for (auto& o : page.records) *response.add_officials() = std::move(o);
  response.set_next_page_token(page.next_page_token);
  return response;
}

// ---- ListCooperationPlans: newest first, then id ----

absl::StatusOr<accord::v1::ListCooperationPlansResponse> QueryEngine::ListCooperationPlans(
    const ReplicaStore& store, const accord::v1::ListCooperationPlansRequest& r) const {
  ASSIGN_OR_RETURN(const std::string country, CountryFilter(r.country_code(), "country_code"));
  for (const auto& [value, field] : {std::pair<int32_t, const char*>{r.year_from(), "year_from"},
                                     std::pair<int32_t, const char*>{r.year_to(), "year_to"}}) {
    if (value != 0 && (value < 1800 || value > 9999)) {
      return absl::InvalidArgumentError(absl::StrCat(field, ": must be 0 (open) or a year in 1800..9999"));
    }
  }
  if (r.year_from() && r.year_to() && r.year_from() > r.year_to()) {
    return absl::InvalidArgumentError("year_from: must not be after year_to");
  }
  if (!accord::v1::PlanKind_IsValid(r.kind())) return absl::InvalidArgumentError("kind: unknown PlanKind value");
  if (!accord::v1::FocusArea_IsValid(r.focus_area())) {
    return absl::InvalidArgumentError("focus_area: unknown FocusArea value");
  }
  std::string signatory;
  if (absl::StartsWith(r.signatory(), "officials/")) {
    ASSIGN_OR_RETURN(signatory, records::ParseResourceName(r.signatory(), "officials", "signatory"));
  } else if (!r.signatory().empty()) {
    signatory = text::Slugify(r.signatory());
    if (signatory.empty()) return absl::InvalidArgumentError("signatory: has no letters or digits to match");
  }
  const bool year_filter = r.year_from() != 0 || r.year_to() != 0;
  const int32_t from = r.year_from() ? r.year_from() : std::numeric_limits<int32_t>::min();
  const int32_t to = r.year_to() ? r.year_to() : std::numeric_limits<int32_t>::max();

  // Without another filter, or with a year range, plans_by_year drives: a
  // plan has a key for every year it covers and is taken at the newest of
  // them inside the range, so it comes once and in order.
  ScanPlan plan{kPlansByYear, KeyBuilder().DescendingInt32(to).Build(), "", false};
  if (r.year_from()) plan.upper = PrefixSuccessor(KeyBuilder().DescendingInt32(from).Build());
  bool driven_by_year = true;
  if (!year_filter) {
    driven_by_year = false;
    if (!signatory.empty()) {
      plan = PrefixPlan(kPlansBySignatory, KeyBuilder().String(signatory).Build());
    } else if (r.focus_area() != 0) {
      plan = PrefixPlan(kPlansByFocus, KeyBuilder().Int32(r.focus_area()).Build());
    } else if (!country.empty()) {
      plan = PrefixPlan(kPlansByCountry, KeyBuilder().String(country).Build());
    } else if (r.kind() != 0) {
      plan = PrefixPlan(kPlansByKind, KeyBuilder().Int32(r.kind()).Build());
    } else {
      driven_by_year = true;
    }
  }
  auto keep = [&](const accord::v1::CooperationPlan& p, std::string_view key) {
    const auto [first, last] = PlanYears(p);
    if (driven_by_year && KeyYear(key) != std::min(to, last)) return false;  // its other years' keys
    if (year_filter && (last < from || first > to)) return false;
    if (!country.empty() && std::none_of(p.parties().begin(), p.parties().end(), [&](const accord::v1::Party& party) {
          return NormalizeCountry(party.country_code()) == country;
        })) {
      return false;
    }
    if (r.kind() != 0 && p.kind() != r.kind()) return false;
    if (r.focus_area() != 0 &&
        std::find(p.focus_areas().begin(), p.focus_areas().end(), r.focus_area()) == p.focus_areas().end()) {
      return false;
    }
    if (!signatory.empty() &&
        std::none_of(p.signatories().begin(), p.signatories().end(), [&](const accord::v1::PlanParticipant& s) {
          return (s.official_id().empty() ? text::Slugify(s.display_name()) : s.official_id()) == signatory;
        })) {
      return false;
    }
    return true;
  };
  ASSIGN_OR_RETURN(Page<accord::v1::CooperationPlan> page,
                   (RunList<accord::v1::CooperationPlan>(
                       store, plan, r, *tokens_, limits_, [&](const std::string& id) { return store.GetPlan(id); },
                       keep)));
  accord::v1::ListCooperationPlansResponse response;
  for (auto& p : page.records) *response.add_plans() = std::move(p);
  response.set_next_page_token(page.next_page_token);
  return response;
}

// ---- ListBorderCheckpoints: ordered by id ----

absl::StatusOr<accord::v1::ListBorderCheckpointsResponse> QueryEngine::ListBorderCheckpoints(
    const ReplicaStore& store, const accord::v1::ListBorderCheckpointsRequest& r) const {
  ASSIGN_OR_RETURN(const std::string country, CountryFilter(r.country_code(), "country_code"));
  const std::string province = NormalizeName(r.province());
  if (!r.province().empty() && province.empty()) {
    return absl::InvalidArgumentError("province: has no letters or digits to match");
  }
  if (!accord::v1::CheckpointType_IsValid(r.type())) {
    return absl::InvalidArgumentError("type: unknown CheckpointType value");
  }
  if (!accord::v1::CheckpointStatus_IsValid(r.status())) {
    return absl::InvalidArgumentError("status: unknown CheckpointStatus value");
  }
  ScanPlan plan{kCheckpoints, "", "", true};
  if (!province.empty()) {
    plan = PrefixPlan(kCheckpointsByProvince, KeyBuilder().String(province).Build());
  } else if (!country.empty()) {
    plan = PrefixPlan(kCheckpointsByCountry, KeyBuilder().String(country).Build());
  } else if (r.status() != 0) {
    plan = PrefixPlan(kCheckpointsByStatus, KeyBuilder().Int32(r.status()).Build());
  } else if (r.type() != 0) {
    plan = PrefixPlan(kCheckpointsByType, KeyBuilder().Int32(r.type()).Build());
  }
  auto keep = [&](const accord::v1::BorderCheckpoint& c, std::string_view) {
    if (!country.empty() && std::none_of(c.sides().begin(), c.sides().end(), [&](const accord::v1::CheckpointSide& s) {
          return NormalizeCountry(s.country_code()) == country;
        })) {
      return false;
    }
    if (!province.empty() && std::none_of(c.sides().begin(), c.sides().end(), [&](const accord::v1::CheckpointSide& s) {
          return NormalizeName(s.province()) == province;
        })) {
      return false;
    }
    if (r.type() != 0 && c.type() != r.type()) return false;
    if (r.status() != 0 && c.status() != r.status()) return false;
    return true;
  };
  ASSIGN_OR_RETURN(Page<accord::v1::BorderCheckpoint> page,
                   (RunList<accord::v1::BorderCheckpoint>(
                       store, plan, r, *tokens_, limits_,
                       [&](const std::string& id) { return store.GetCheckpoint(id); }, keep)));
  accord::v1::ListBorderCheckpointsResponse response;
  for (auto& c : page.records) *response.add_checkpoints() = std::move(c);
  response.set_next_page_token(page.next_page_token);
  return response;
}

// ---- ListArticles: newest published first, then id ----

absl::StatusOr<accord::v1::ListArticlesResponse> QueryEngine::ListArticles(
    const ReplicaStore& store, const accord::v1::ListArticlesRequest& r) const {
  RETURN_IF_ERROR(records::ValidateDate(r.published_from(), "published_from"));
  RETURN_IF_ERROR(records::ValidateDate(r.published_to(), "published_to"));
  const int32_t from_key = r.published_from().year() ? DateKey(r.published_from()) : 0;
  // An open month or day in the upper bound covers the whole month or year.
  const accord::v1::Date& t = r.published_to();
  const int32_t to_key = t.year() ? t.year() * 10000 + (t.month() ? t.month() * 100 : 1299) + (t.day() ? t.day() : 99)
                                  : std::numeric_limits<int32_t>::max();
  if (from_key > to_key) return absl::InvalidArgumentError("published_from: must not be after published_to");
  const std::string source = NormalizeName(r.source());
  if (!r.source().empty() && source.empty()) return absl::InvalidArgumentError("source: has no letters or digits");
  std::string supports;
  if (!r.supports().empty()) {
    const std::string collection = r.supports().substr(0, r.supports().find('/'));
    if (collection != "officials" && collection != "plans" && collection != "checkpoints") {
      return absl::InvalidArgumentError("supports: must be officials/{id}, plans/{id} or checkpoints/{id}");
    }
    RETURN_IF_ERROR(records::ParseResourceName(r.supports(), collection, "supports").status());
    supports = r.supports();
  }
  // Every index below orders by DescInt32(date) after its prefix, so a date
  // range narrows the scan whichever index drives.
  auto dated = [&](size_t family, const std::string& prefix) {
    ScanPlan plan{family, KeyBuilder().Raw(prefix).DescendingInt32(to_key).Build(), PrefixSuccessor(prefix), false};
    if (from_key > 0) plan.upper = PrefixSuccessor(KeyBuilder().Raw(prefix).DescendingInt32(from_key).Build());
    return plan;
  };
  ScanPlan plan = dated(kArticlesByDate, "");
  if (!supports.empty()) {
    plan = dated(kArticlesByRecord, KeyBuilder().String(supports).Build());
  } else if (!source.empty()) {
    plan = dated(kArticlesBySource, KeyBuilder().String(source).Build());
  }
  auto keep = [&](const accord::v1::Article& a, std::string_view) {
    const int32_t date = DateKey(a.published_on());
    if (date < from_key || date > to_key) return false;
    if (!source.empty() && NormalizeName(a.source()) != source) return false;
    return true;
  };
  ASSIGN_OR_RETURN(Page<accord::v1::Article> page,
                   (RunList<accord::v1::Article>(
                       store, plan, r, *tokens_, limits_, [&](const std::string& id) { return store.GetArticle(id); },
                       keep)));
  accord::v1::ListArticlesResponse response;
  for (auto& a : page.records) *response.add_articles() = std::move(a);
  response.set_next_page_token(page.next_page_token);
  return response;
}

}  // namespace accord::query
