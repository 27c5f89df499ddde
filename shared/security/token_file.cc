#include "shared/security/token_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "openssl/crypto.h"
#include "openssl/sha.h"

namespace accord::security {

absl::StatusOr<std::vector<std::string>> ParseTokens(std::string_view contents) {
  std::vector<std::string> tokens;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(absl::string_view(contents.data(), contents.size()), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    for (const char c : line) {
      if (c <= ' ' || c >= 0x7f) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", line_number, ": a token may hold only visible ASCII characters"));
      }
    }
    tokens.emplace_back(line);
  }
  if (tokens.empty()) return absl::InvalidArgumentError("no token in it");
  return tokens;
}

absl::StatusOr<std::vector<std::string>> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("token file ", path, ": cannot be read"));
  std::ostringstream contents;
  contents << in.rdbuf();
  absl::StatusOr<std::vector<std::string>> tokens = ParseTokens(contents.str());
  if (!tokens.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("token file ", path, ": ", tokens.status().message()));
  }
  return tokens;
}

absl::StatusOr<std::string> ReadClientToken(const std::string& path) {
  absl::StatusOr<std::vector<std::string>> tokens = ReadTokenFile(path);
  if (!tokens.ok()) return tokens.status();
  return std::move(tokens->front());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Compare SHA-256 digests with OpenSSL's constant-time memcmp: the time
  // depends on neither the contents nor which of the two is longer.
  unsigned char digest_a[SHA256_DIGEST_LENGTH];
  unsigned char digest_b[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(a.data()), a.size(), digest_a);
  SHA256(reinterpret_cast<const unsigned char*>(b.data()), b.size(), digest_b);
  return CRYPTO_memcmp(digest_a, digest_b, SHA256_DIGEST_LENGTH) == 0;
}

}  // namespace accord::security
