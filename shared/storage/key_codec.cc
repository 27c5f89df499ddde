#include "shared/storage/key_codec.h"

namespace accord::storage {
namespace {

void PutBigEndian64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xFF));
}

void PutBigEndian32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xFF));
}

bool GetBigEndian(std::string_view* in, int bytes, uint64_t* v) {
  if (in->size() < static_cast<size_t>(bytes)) return false;
  uint64_t r = 0;
  for (int i = 0; i < bytes; ++i) r = (r << 8) | static_cast<unsigned char>((*in)[i]);
  in->remove_prefix(bytes);
  *v = r;
  return true;
}

constexpr uint32_t kSignBit = 0x80000000u;

}  // namespace

KeyBuilder& KeyBuilder::Uint64(uint64_t v) {
  PutBigEndian64(&key_, v);
  return *this;
}

KeyBuilder& KeyBuilder::DescendingUint64(uint64_t v) { return Uint64(~v); }

KeyBuilder& KeyBuilder::Int32(int32_t v) {
  PutBigEndian32(&key_, static_cast<uint32_t>(v) ^ kSignBit);
  return *this;
}

KeyBuilder& KeyBuilder::DescendingInt32(int32_t v) {
  PutBigEndian32(&key_, ~(static_cast<uint32_t>(v) ^ kSignBit));
  return *this;
}

KeyBuilder& KeyBuilder::String(std::string_view s) {
  for (char c : s) {
    key_.push_back(c);
    if (c == '\0') key_.push_back('\xFF');
  }
  key_.push_back('\0');
  key_.push_back('\x01');
  return *this;
}

KeyBuilder& KeyBuilder::Raw(std::string_view s) {
  key_.append(s.data(), s.size());
  return *this;
}

bool KeyReader::Uint64(uint64_t* v) { return GetBigEndian(&rest_, 8, v); }

bool KeyReader::DescendingUint64(uint64_t* v) {
  uint64_t raw;
  if (!GetBigEndian(&rest_, 8, &raw)) return false;
  *v = ~raw;
  return true;
}

bool KeyReader::Int32(int32_t* v) {
  uint64_t raw;
  if (!GetBigEndian(&rest_, 4, &raw)) return false;
  *v = static_cast<int32_t>(static_cast<uint32_t>(raw) ^ kSignBit);
  return true;
}

bool KeyReader::DescendingInt32(int32_t* v) {
  uint64_t raw;
  if (!GetBigEndian(&rest_, 4, &raw)) return false;
  *v = static_cast<int32_t>(~static_cast<uint32_t>(raw) ^ kSignBit);
  return true;
}

bool KeyReader::String(std::string* s) {
  std::string out;
  size_t i = 0;
  while (i < rest_.size()) {
    const char c = rest_[i];
    if (c != '\0') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= rest_.size()) break;
    const char next = rest_[i + 1];
    if (next == '\xFF') {
      out.push_back('\0');
      i += 2;
    } else if (next == '\x01') {
      rest_.remove_prefix(i + 2);
      *s = std::move(out);
      return true;
    } else {
      break;
    }
  }
  rest_ = std::string_view();
  return false;
}

std::string SequenceKey(uint64_t sequence) { return KeyBuilder().Uint64(sequence).Build(); }

bool ParseSequenceKey(std::string_view key, uint64_t* sequence) {
  KeyReader reader(key);
  return reader.Uint64(sequence) && reader.AtEnd();
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    unsigned char last = static_cast<unsigned char>(s.back());
    if (last != 0xFF) {
      s.back() = static_cast<char>(last + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

}  // namespace accord::storage
