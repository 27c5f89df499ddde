#include "shared/records/resource_names.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace accord::records {

bool IsValidId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

absl::StatusOr<std::string> ParseResourceName(std::string_view name, std::string_view collection,
                                              std::string_view field) {
  const absl::string_view f(field.data(), field.size());
  const absl::string_view c(collection.data(), collection.size());
  if (name.empty()) return absl::InvalidArgumentError(absl::StrCat(f, ": required, of the form ", c, "/{id}"));
  if (name.size() <= collection.size() || name.substr(0, collection.size()) != collection ||
      name[collection.size()] != '/') {
    return absl::InvalidArgumentError(absl::StrCat(f, ": must be of the form ", c, "/{id}"));
  }
  const std::string_view id = name.substr(collection.size() + 1);
  if (!IsValidId(id)) return absl::InvalidArgumentError(absl::StrCat(f, ": the id must be 1 to 64 of [a-z0-9-]"));
  return std::string(id);
}

}  // namespace accord::records
