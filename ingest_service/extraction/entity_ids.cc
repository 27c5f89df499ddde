#include "ingest_service/extraction/entity_ids.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

#include "ingest_service/extraction/folding.h"

namespace accord::extraction {
namespace {

// Resource names take ids of at most 64 characters (records::IsValidId): a
// longer id keeps its first 55 characters and gets "-" and 8 hex digits of
// its FNV-1a hash, so distinct long ids stay distinct and ids stay stable.
std::string FitId(std::string id) {
  constexpr size_t kMaxIdBytes = 64;
  if (id.size() <= kMaxIdBytes) return id;
  uint32_t hash = 2166136261u;
  for (char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  id.resize(kMaxIdBytes - 9);
  while (!id.empty() && id.back() == '-') id.pop_back();
  static constexpr char kHex[] = "0123456789abcdef";
  id += '-';
  for (int shift = 28; shift >= 0; shift -= 4) id += kHex[(hash >> shift) & 0xF];
  return id;
}

}  // namespace

std::string OfficialId(std::string_view display_name) { return FitId(Slugify(display_name)); }

std::string OfficialResourceName(std::string_view id) { return "officials/" + std::string(id); }

std::string_view PlanKindWord(accord::v1::PlanKind kind) {
  switch (kind) {
    case accord::v1::PLAN_KIND_SECURITY: return "security";
    case accord::v1::PLAN_KIND_DEFENCE: return "defence";
    case accord::v1::PLAN_KIND_ECONOMIC: return "economic";
    case accord::v1::PLAN_KIND_BORDER: return "border";
    default: return "other";
  }
}

std::string PlanId(accord::v1::PlanKind kind, const std::vector<std::string>& country_codes, int year,
                   int start_year, int end_year, std::string_view title) {
  std::vector<std::string> codes;
  for (const std::string& c : country_codes) {
    std::string lower;
    for (char ch : c) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!lower.empty() && std::find(codes.begin(), codes.end(), lower) == codes.end()) codes.push_back(lower);
  }
  std::sort(codes.begin(), codes.end());
  std::string id(PlanKindWord(kind));
  for (const std::string& c : codes) id += "-" + c;
  if (year > 0) {
    id += "-" + std::to_string(year);
  } else if (start_year > 0 && end_year > 0) {
    id += "-" + std::to_string(start_year) + "-" + std::to_string(end_year);
  } else if (end_year > 0) {
    id += "-to-" + std::to_string(end_year);
  } else if (start_year > 0) {
    id += "-from-" + std::to_string(start_year);
  } else {
    const std::string slug = Slugify(title);
    if (!slug.empty()) id += "-" + slug;
  }
  return FitId(std::move(id));
}

std::string PlanResourceName(std::string_view id) { return "plans/" + std::string(id); }

std::string CheckpointId(const std::vector<std::string>& side_names) {
  std::vector<std::string> slugs;
  for (const std::string& n : side_names) {
    std::string s = Slugify(n);
    if (!s.empty()) slugs.push_back(std::move(s));
  }
  std::sort(slugs.begin(), slugs.end());
  slugs.erase(std::unique(slugs.begin(), slugs.end()), slugs.end());
  std::string id;
  for (const std::string& s : slugs) {
    if (!id.empty()) id += "--";
    id += s;
  }
  return FitId(std::move(id));
}

std::string CheckpointResourceName(std::string_view id) { return "checkpoints/" + std::string(id); }

}  // namespace accord::extraction
