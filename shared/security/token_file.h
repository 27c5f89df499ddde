// Bearer-token files: one token per line; blank lines and lines starting
// with '#' are ignored, surrounding whitespace is trimmed. Several lines make
// several accepted tokens, so a token can be rotated without downtime.
#ifndef ACCORD_SHARED_SECURITY_TOKEN_FILE_H_
#define ACCORD_SHARED_SECURITY_TOKEN_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace accord::security {

// The tokens in `contents`. INVALID_ARGUMENT when there is none, or when a
// token holds a character that cannot travel in an HTTP/2 header value
// (space, control characters, non-ASCII).
absl::StatusOr<std::vector<std::string>> ParseTokens(std::string_view contents);

// ParseTokens of the file at `path`; the error names the file (never a token).
absl::StatusOr<std::vector<std::string>> ReadTokenFile(const std::string& path);

// The first token of the file at `path`: what a client presents.
absl::StatusOr<std::string> ReadClientToken(const std::string& path);

// Equal bytes, in time that does not depend on the contents or on where the
// first difference is.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace accord::security

#endif  // ACCORD_SHARED_SECURITY_TOKEN_FILE_H_
