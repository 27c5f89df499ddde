// Resource names of the API: "{collection}/{id}" with ids of 1 to 64 of [a-z0-9-].
#ifndef ACCORD_SHARED_RECORDS_RESOURCE_NAMES_H_
#define ACCORD_SHARED_RECORDS_RESOURCE_NAMES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace accord::records {

// "officials/luong-tam-quang" with collection "officials" -> "luong-tam-quang".
// INVALID_ARGUMENT naming `field` when `name` is empty or not of that shape.
absl::StatusOr<std::string> ParseResourceName(std::string_view name, std::string_view collection,
                                              std::string_view field);

bool IsValidId(std::string_view id);

}  // namespace accord::records

#endif  // ACCORD_SHARED_RECORDS_RESOURCE_NAMES_H_
