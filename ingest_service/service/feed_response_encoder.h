// accord.v1.WatchChangesResponse in wire format, assembled from changes as
// the store keeps them (already serialized accord.v1.Change): the feed sends
// them on without parsing and re-serializing each one.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_FEED_RESPONSE_ENCODER_H_
#define ACCORD_INGEST_SERVICE_SERVICE_FEED_RESPONSE_ENCODER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord::ingest {

struct FeedResponseHeader {
  uint64_t head_sequence = 0;
  uint64_t first_kept_sequence = 0;
  std::string_view feed_id;
};

// The bytes of a WatchChangesResponse whose `changes` are `changes` (each a
// serialized Change, in order) and whose other fields are `header`. Parsing
// them gives the same message as building it field by field.
std::string EncodeWatchChangesResponse(const std::vector<std::string_view>& changes,
                                       const FeedResponseHeader& header);

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_FEED_RESPONSE_ENCODER_H_
