// The one place RocksDB keys are built and parsed. Every encoding here keeps
// order: comparing encoded keys bytewise (RocksDB's default comparator) gives
// the same order as comparing the values.
//
// Byte layouts:
//   Uint64      8 bytes, big-endian.                 5 -> 00 00 00 00 00 00 00 05
//   Int32       4 bytes, big-endian, sign bit flipped. -1 -> 7F FF FF FF, 0 -> 80 00 00 00
//   Descending  a Uint64/Int32 with every bit inverted, so larger sorts first.
//   String      the bytes with 00 escaped as 00 FF, then the terminator 00 01.
//               "ab" -> 61 62 00 01; "a\0" -> 61 00 FF 00 01. A string sorts
//               before any longer string it prefixes, and components after it
//               cannot blur its boundary.
//   Raw         the bytes as they are; only as the last component.
// A key is a sequence of components; KeyReader reads them back in order.
#ifndef ACCORD_SHARED_STORAGE_KEY_CODEC_H_
#define ACCORD_SHARED_STORAGE_KEY_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace accord::storage {

// Appends order-preserving components to a key.
class KeyBuilder {
 public:
  KeyBuilder& Uint64(uint64_t v);
  KeyBuilder& DescendingUint64(uint64_t v);
  KeyBuilder& Int32(int32_t v);
  KeyBuilder& DescendingInt32(int32_t v);
  KeyBuilder& String(std::string_view s);
  KeyBuilder& Raw(std::string_view s);

  const std::string& key() const { return key_; }
  std::string Build() const { return key_; }

 private:
  std::string key_;
};

// Reads components back in the order they were written. Each method returns
// false (and leaves the reader unusable) when the bytes do not hold that component.
class KeyReader {
 public:
  explicit KeyReader(std::string_view key) : rest_(key) {}

  bool Uint64(uint64_t* v);
  bool DescendingUint64(uint64_t* v);
  bool Int32(int32_t* v);
  bool DescendingInt32(int32_t* v);
  bool String(std::string* s);
  // The remaining bytes.
  std::string_view Rest() const { return rest_; }
  bool AtEnd() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// The key of change-log entry `sequence`: Uint64(sequence).
std::string SequenceKey(uint64_t sequence);
// REQUIRES nothing; false when `key` is not exactly a SequenceKey.
bool ParseSequenceKey(std::string_view key, uint64_t* sequence);

// The smallest key greater than every key starting with `prefix`; empty when
// there is none (prefix all FF). Used as iterate_upper_bound for prefix scans.
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace accord::storage

#endif  // ACCORD_SHARED_STORAGE_KEY_CODEC_H_
