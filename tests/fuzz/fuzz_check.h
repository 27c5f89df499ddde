// FUZZ_CHECK(cond) << "context": the fuzz targets' assertion. On failure it
// prints the condition, the place and the context, then abort()s, which
// libFuzzer reports as a crash and saves the input.
#ifndef ACCORD_TESTS_FUZZ_FUZZ_CHECK_H_
#define ACCORD_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace accord::fuzz {

class CheckFailure {
 public:
  CheckFailure(const char* cond, const char* file, int line) {
    out_ << file << ":" << line << ": FUZZ_CHECK(" << cond << ") failed: ";
  }
  ~CheckFailure() {
    std::cerr << out_.str() << std::endl;
    std::abort();
  }
  template <typename T>
  CheckFailure& operator<<(const T& v) {
    out_ << v;
    return *this;
  }

 private:
  std::ostringstream out_;
};

// Printable form of bytes for failure messages: non-printable bytes as \xHH.
inline std::string Escape(std::string_view s, size_t max = 200) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace accord::fuzz

#define FUZZ_CHECK(cond) \
  if (cond) {            \
  } else                 \
    ::accord::fuzz::CheckFailure(#cond, __FILE__, __LINE__)

#endif  // ACCORD_TESTS_FUZZ_FUZZ_CHECK_H_
