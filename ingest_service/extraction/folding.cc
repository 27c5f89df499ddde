#include "ingest_service/extraction/folding.h"

#include <cstdint>
#include <cstring>

#include "shared/text/fold.h"

namespace accord::extraction {
namespace {

inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// FoldForMatch of ASCII `s` with `space` between kept runs.
std::string FoldAscii(std::string_view s, char space) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char raw : s) {
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
  while (n >= 8) {
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

std::string FoldDiacritics(std::string_view s) {
  if (!IsAscii(s)) return text::FoldDiacritics(s);
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

std::string FoldForMatch(std::string_view s) {
  if (!IsAscii(s)) return text::FoldForMatch(s);
  return FoldAscii(s, ' ');
}

std::string Slugify(std::string_view s) {
  if (!IsAscii(s)) return text::Slugify(s);
  return FoldAscii(s, '-');
}

}  // namespace accord::extraction
