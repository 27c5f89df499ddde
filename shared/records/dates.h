// Checks on accord.v1.Date values taken from requests.
#ifndef ACCORD_SHARED_RECORDS_DATES_H_
#define ACCORD_SHARED_RECORDS_DATES_H_

#include <string_view>

#include "absl/status/status.h"
#include "accord/v1/records.pb.h"

namespace accord::records {

// INVALID_ARGUMENT naming `field` when `date` is not a possible date. Zero
// parts mean "unknown": 2024-00-00 is fine; a day without a month, parts
// without a year, or a year outside 1800..9999 are not.
absl::Status ValidateDate(const accord::v1::Date& date, std::string_view field);

}  // namespace accord::records

#endif  // ACCORD_SHARED_RECORDS_DATES_H_
