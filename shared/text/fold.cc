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

// The longest run of non-starters (code points of non-zero canonical
// combining class, counted after compatibility decomposition) kept: the
// limit of UAX #15's Stream-Safe Text Format.
constexpr int kMaxNonStarters = 30;

// `s` with every non-starter beyond the kMaxNonStarters-th of a run dropped.
// utf8proc puts each run into canonical order with an insertion sort, which
// is quadratic in the run's length: one letter followed by a megabyte of
// alternating marks (U+0301 U+0316 ...) would take minutes. No script needs
// more than a handful of marks on one letter. Returns `s` itself (no copy)
// when no run is too long; `storage` holds the result otherwise.
std::string_view StreamSafe(std::string_view s, std::string* storage) {
  int run = 0;
  bool dropped = false;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    int leading = 0, trailing = 0, count = 1;  // non-starters of the decomposition
    if (lead >= 0x80) {
      utf8proc_int32_t cp = -1;
      const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
      len = n > 0 ? static_cast<size_t>(n) : 1;
      utf8proc_int32_t decomposed[32];
      int last_boundclass = 0;
      const utf8proc_ssize_t d =
          cp < 0 ? 0
                 : utf8proc_decompose_char(cp, decomposed, 32,
                                           static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT),
                                           &last_boundclass);
      count = d > 0 && d <= 32 ? static_cast<int>(d) : 0;
      while (leading < count && utf8proc_get_property(decomposed[leading])->combining_class != 0) ++leading;
      while (trailing < count && utf8proc_get_property(decomposed[count - 1 - trailing])->combining_class != 0) {
        ++trailing;
      }
    }
    bool keep = true;
    if (count > 0 && leading == count) {  // only non-starters: the run goes on
      if (run + count > kMaxNonStarters) {
        keep = false;
      } else {
        run += count;
      }
    } else {
      run = trailing;
    }
    if (!keep && !dropped) {
      dropped = true;
      storage->assign(s.data(), i);
    } else if (keep && dropped) {
      storage->append(s.data() + i, len);
    }
    i += len;
  }
  return dropped ? std::string_view(*storage) : s;
}

// Runs utf8proc_map on StreamSafe(s); returns `s` unchanged when utf8proc rejects it.
std::string Map(std::string_view input, int options) {
  std::string storage;
  const std::string_view s = StreamSafe(input, &storage);
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                          static_cast<utf8proc_ssize_t>(s.size()), &out,
                                          static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(out);
  if (n < 0) return std::string(input);
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
