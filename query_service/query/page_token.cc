#include "query_service/query/page_token.h"

#include <openssl/sha.h>

#include <cstdint>
#include <limits>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "shared/storage/key_codec.h"

namespace accord::query {
namespace {

constexpr uint64_t kVersion = 1;
constexpr size_t kChecksumBytes = 8;
// How far ahead of this replica's clock a token's issue time may be.
constexpr absl::Duration kMaxClockSkew = absl::Minutes(5);

std::string Sha256Prefix(const std::string& data, size_t bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), bytes);
}

// Same filters, same fingerprint: deterministic serialization of the message and its type.
std::string Fingerprint(const google::protobuf::Message& filters) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters.SerializeToCodedStream(&coded);
  }
  return Sha256Prefix(absl::StrCat(filters.GetDescriptor()->full_name(), ":", bytes), 8);
}

std::string Checksum(const std::string& payload) {
  return Sha256Prefix(absl::StrCat("accord.page_token.v1:", payload), kChecksumBytes);
}

absl::Status Invalid(std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("page_token: ", absl::string_view(why.data(), why.size())));
}

}  // namespace

PageTokenCodec::PageTokenCodec(absl::Duration lifetime, std::function<absl::Time()> clock)
    : lifetime_(lifetime), clock_(std::move(clock)) {}

std::string PageTokenCodec::Encode(const google::protobuf::Message& filters, const std::string& last_key) const {
  const std::string payload = storage::KeyBuilder()
                                  .Uint64(kVersion)
                                  .String(Fingerprint(filters))
                                  .Uint64(static_cast<uint64_t>(absl::ToUnixSeconds(clock_())))
                                  .String(last_key)
                                  .Build();
  return absl::WebSafeBase64Escape(payload + Checksum(payload));
}

absl::StatusOr<std::string> PageTokenCodec::Decode(const std::string& token,
                                                   const google::protobuf::Message& filters) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() <= kChecksumBytes) {
    return Invalid("is not a token this service issued");
  }
  const std::string payload = raw.substr(0, raw.size() - kChecksumBytes);
  if (Checksum(payload) != raw.substr(payload.size())) return Invalid("is corrupt or was altered");
  storage::KeyReader reader(payload);
  uint64_t version, issued;
  std::string fingerprint, last_key;
  if (!reader.Uint64(&version) || version != kVersion || !reader.String(&fingerprint) || !reader.Uint64(&issued) ||
      !reader.String(&last_key) || !reader.AtEnd()) {
    return Invalid("is not a token this service issued");
  }
  if (fingerprint != Fingerprint(filters)) return Invalid("was issued for a query with other filters");
  // Replicas' clocks differ a little; a token from further ahead would never go stale.
  const absl::Time issued_at = absl::FromUnixSeconds(static_cast<int64_t>(issued));
  if (issued > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) || issued_at - clock_() > kMaxClockSkew) {
    return Invalid("claims to be issued in the future; start again without a token");
  }
  if (clock_() - issued_at > lifetime_) {
    return Invalid("is stale; start again without a token");
  }
  return last_key;
}

}  // namespace accord::query
