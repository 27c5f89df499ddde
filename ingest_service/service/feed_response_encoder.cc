#include "ingest_service/service/feed_response_encoder.h"

#include "accord/v1/ingest_service.pb.h"

namespace accord::ingest {
namespace {

using Response = accord::v1::WatchChangesResponse;

// Wire types (protobuf encoding).
constexpr uint32_t kVarint = 0;
constexpr uint32_t kLengthDelimited = 2;

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void AppendTag(int field, uint32_t wire_type, std::string* out) {
  AppendVarint((static_cast<uint64_t>(field) << 3) | wire_type, out);
}

void AppendBytes(int field, std::string_view bytes, std::string* out) {
  AppendTag(field, kLengthDelimited, out);
  AppendVarint(bytes.size(), out);
  out->append(bytes.data(), bytes.size());
}

}  // namespace

std::string EncodeWatchChangesResponse(const std::vector<std::string_view>& changes,
                                       const FeedResponseHeader& header) {
  size_t size = 48 + header.feed_id.size();
  for (std::string_view c : changes) size += c.size() + 8;
  std::string out;
  out.reserve(size);
  // Fields in number order, zero values left out, as protobuf writes them.
  for (std::string_view c : changes) AppendBytes(Response::kChangesFieldNumber, c, &out);
  if (header.head_sequence != 0) {
    AppendTag(Response::kHeadSequenceFieldNumber, kVarint, &out);
    AppendVarint(header.head_sequence, &out);
  }
  if (header.first_kept_sequence != 0) {
    AppendTag(Response::kFirstKeptSequenceFieldNumber, kVarint, &out);
    AppendVarint(header.first_kept_sequence, &out);
  }
  if (!header.feed_id.empty()) AppendBytes(Response::kFeedIdFieldNumber, header.feed_id, &out);
  return out;
}

}  // namespace accord::ingest
