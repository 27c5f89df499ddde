// UTF-8 validation and repair. Protobuf 3.21 serializes invalid UTF-8 in
// string fields but then refuses to parse it back, so every text is checked
// or repaired before it is put into a message that will be stored.
#ifndef ACCORD_SHARED_TEXT_UTF8_H_
#define ACCORD_SHARED_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace accord::text {

// Returns the byte offset of the first invalid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or
// std::string_view::npos when `s` is valid.
size_t FindInvalidUtf8(std::string_view s);

inline bool IsValidUtf8(std::string_view s) { return FindInvalidUtf8(s) == std::string_view::npos; }

// Returns `s` with each invalid sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view s);

// Number of bytes of the UTF-8 sequence starting with `lead`, 1 for a byte
// that cannot start one.
int Utf8SequenceLength(unsigned char lead);

}  // namespace accord::text

#endif  // ACCORD_SHARED_TEXT_UTF8_H_
