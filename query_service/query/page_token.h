// Opaque List page tokens. A token carries the last index key a page
// scanned, a fingerprint of the query's filters, its issue time and a
// checksum, in web-safe base64. Any replica can continue any replica's
// token (no per-process secret): the cursor is a key, not a position.
#ifndef ACCORD_QUERY_SERVICE_QUERY_PAGE_TOKEN_H_
#define ACCORD_QUERY_SERVICE_QUERY_PAGE_TOKEN_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"

namespace accord::query {

class PageTokenCodec {
 public:
  // Tokens older than `lifetime` are stale.
  explicit PageTokenCodec(absl::Duration lifetime, std::function<absl::Time()> clock = [] { return absl::Now(); });

  // `filters` is the List request with page_size, page_token and min_sequence cleared.
  std::string Encode(const google::protobuf::Message& filters, const std::string& last_key) const;

  // The last key of the previous page. INVALID_ARGUMENT ("page_token: ...")
  // when the token is corrupt or forged, was issued for other filters, is
  // stale, or claims an issue time more than 5 minutes ahead of this clock.
  absl::StatusOr<std::string> Decode(const std::string& token, const google::protobuf::Message& filters) const;

 private:
  absl::Duration lifetime_;
  std::function<absl::Time()> clock_;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_QUERY_PAGE_TOKEN_H_
