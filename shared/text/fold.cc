#include "shared/text/fold.h"

#include <utf8proc.h>

#include <cstdlib>
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

}  // namespace

std::string NormalizeNfc(std::string_view s) {
  if (!IsValidUtf8(s)) return std::string(s);
  return Map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string FoldDiacritics(std::string_view s) {
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
  const std::string folded = FoldDiacritics(s);
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += c;
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string Slugify(std::string_view s) {
  std::string slug = FoldForMatch(s);
  for (char& c : slug) {
    if (c == ' ') c = '-';
  }
  return slug;
}

}  // namespace accord::text
