#include "shared/text/fold.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "shared/text/utf8.h"

namespace accord::text {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Runs utf8proc_map; returns `s` unchanged when utf8proc rejects it.
std::string Map(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                          static_cast<utf8proc_ssize_t>(s.size()), &out,
                                          static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(out);
  if (n < 0) return std::string(s);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// FoldForMatch of folded text: runs of [a-z0-9] kept, other runs become one `space`, trimmed.
std::string CollapseRuns(std::string_view folded, char space) {
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char raw : folded) {
    const char c = LowerAscii(raw);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_space && !out.empty()) out += space;
      pending_space = false;
      out += c;
    } else {
      pending_space = true;
    }
  }
  return out;
}

}  // namespace

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {  // eight bytes at a time
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ull) return false;
    p += 8;
    n -= 8;
  }
  for (; n > 0; --n, ++p) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
  return true;
}

std::string NormalizeNfc(std::string_view s) {
  if (!IsValidUtf8(s)) return std::string(s);
  return Map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string FoldDiacritics(std::string_view s) {
  if (IsAscii(s)) {
    std::string out(s);
    for (char& c : out) c = LowerAscii(c);
    return out;
  }
  const std::string valid = IsValidUtf8(s) ? std::string(s) : RepairUtf8(s);
  std::string folded = Map(valid, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                      UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  // đ (U+0111) and Đ (U+0110, case-folded to đ) have no decomposition.
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    if (static_cast<unsigned char>(folded[i]) == 0xC4 && i + 1 < folded.size() &&
        (static_cast<unsigned char>(folded[i + 1]) == 0x91 ||
         static_cast<unsigned char>(folded[i + 1]) == 0x90)) {
      out += 'd';
      ++i;
    } else {
      out += folded[i];
    }
  }
  return out;
}

std::string FoldForMatch(std::string_view s) {
  return CollapseRuns(IsAscii(s) ? std::string(s) : FoldDiacritics(s), ' ');
}

std::string Slugify(std::string_view s) {
  return CollapseRuns(IsAscii(s) ? std::string(s) : FoldDiacritics(s), '-');
}

}  // namespace accord::text
