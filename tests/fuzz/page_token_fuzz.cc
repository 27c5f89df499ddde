// The page-token decoder on arbitrary strings. The first byte picks how the
// rest is used:
//   0: as a token, as a client could send it;
//   1: as a token's payload, sealed with a valid checksum, so the fields
//      behind the checksum (version, fingerprint, time, cursor) get fuzzed;
//   2: as a cursor key: Encode then Decode must give it back, a token for
//      other filters or with any byte changed must be refused.
// Decode must return a status and never crash; whatever it accepts must
// re-encode to a token that decodes to the same cursor.
#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "accord/v1/query_service.pb.h"
#include "query_service/query/page_token.h"
#include "tests/fuzz/fuzz_check.h"

namespace accord::fuzz {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1767225600);  // 2026-01-01

const query::PageTokenCodec& Codec() {
  static const query::PageTokenCodec codec(absl::Hours(1), [] { return kNow; });
  return codec;
}

accord::v1::ListOfficialsRequest Filters(uint8_t which) {
  accord::v1::ListOfficialsRequest r;
  if (which & 1) r.set_country_code("KH");
  if (which & 2) r.set_name_query("sar");
  if (which & 4) r.mutable_active_on()->set_year(2024);
  return r;
}

// A payload sealed the way the codec seals it (page_token.cc: SHA-256 of
// "accord.page_token.v1:" + payload, first 8 bytes, appended; web-safe base64).
std::string Seal(const std::string& payload) {
  const std::string input = "accord.page_token.v1:" + payload;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return absl::WebSafeBase64Escape(payload + std::string(reinterpret_cast<const char*>(digest), 8));
}

void CheckDecode(const std::string& token, const accord::v1::ListOfficialsRequest& filters) {
  const absl::StatusOr<std::string> key = Codec().Decode(token, filters);
  if (!key.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(key.status())) << key.status().ToString();
    FUZZ_CHECK(key.status().message().rfind("page_token: ", 0) == 0) << key.status().ToString();
    return;
  }
  const absl::StatusOr<std::string> again = Codec().Decode(Codec().Encode(filters, *key), filters);
  FUZZ_CHECK(again.ok() && *again == *key) << "accepted cursor \"" << Escape(*key) << "\" does not round trip";
}

void RoundTrip(uint8_t which, const std::string& cursor) {
  const accord::v1::ListOfficialsRequest filters = Filters(which);
  const std::string token = Codec().Encode(filters, cursor);
  const absl::StatusOr<std::string> key = Codec().Decode(token, filters);
  FUZZ_CHECK(key.ok()) << key.status().ToString();
  FUZZ_CHECK(*key == cursor) << "\"" << Escape(cursor) << "\" came back as \"" << Escape(*key) << "\"";
  const accord::v1::ListOfficialsRequest other = Filters(which ^ 1);
  FUZZ_CHECK(!Codec().Decode(token, other).ok()) << "a token for other filters was accepted";
  std::string raw;
  FUZZ_CHECK(absl::WebSafeBase64Unescape(token, &raw)) << "token is not web-safe base64";
  for (size_t i = 0; i < raw.size(); i += 1 + raw.size() / 8) {
    std::string altered = raw;
    altered[i] = static_cast<char>(altered[i] ^ 0x20);
    FUZZ_CHECK(!Codec().Decode(absl::WebSafeBase64Escape(altered), filters).ok()) << "byte " << i << " altered";
  }
}

}  // namespace
}  // namespace accord::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace accord;
  if (size < 2) return 0;
  const uint8_t mode = data[0] % 3;
  const uint8_t which = data[1];
  const std::string rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  switch (mode) {
    case 0:
      fuzz::CheckDecode(rest, fuzz::Filters(which));
      break;
    case 1:
      fuzz::CheckDecode(fuzz::Seal(rest), fuzz::Filters(which));
      break;
    case 2:
      fuzz::RoundTrip(which, rest);
      break;
  }
  return 0;
}
