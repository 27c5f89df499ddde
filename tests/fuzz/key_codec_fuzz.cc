// The key codec's decoder on arbitrary bytes. The first byte is a schema (up
// to four components, two bits each: Uint64, DescendingUint64, Int32 or
// DescendingInt32 / String, chosen by the next bit pair); the rest is read
// with KeyReader. Whenever decoding succeeds, encoding what was read must
// give back exactly the bytes consumed (the encoding is canonical). Also
// checks ParseSequenceKey, that String and Int32 keys keep order, and that
// PrefixSuccessor bounds every key with its prefix.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "shared/storage/key_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace accord::fuzz {
namespace {

using storage::KeyBuilder;
using storage::KeyReader;

int Sign(int c) { return (c > 0) - (c < 0); }

// Bytewise unsigned comparison, as RocksDB's default comparator.
int Compare(const std::string& a, const std::string& b) { return Sign(a.compare(b)); }

void DecodeWithSchema(uint8_t schema, const std::string& bytes) {
  KeyReader reader(bytes);
  KeyBuilder rebuilt;
  for (int i = 0; i < 4; ++i) {
    const int kind = (schema >> (2 * i)) & 3;
    bool ok = false;
    switch (kind) {
      case 0: {
        uint64_t v;
        if ((ok = reader.Uint64(&v))) rebuilt.Uint64(v);
        break;
      }
      case 1: {
        uint64_t v;
        if ((ok = reader.DescendingUint64(&v))) rebuilt.DescendingUint64(v);
        break;
      }
      case 2: {
        int32_t v;
        // Alternate between the two Int32 forms by position.
        if (i % 2 == 0) {
          if ((ok = reader.Int32(&v))) rebuilt.Int32(v);
        } else {
          if ((ok = reader.DescendingInt32(&v))) rebuilt.DescendingInt32(v);
        }
        break;
      }
      case 3: {
        std::string s;
        if ((ok = reader.String(&s))) rebuilt.String(s);
        break;
      }
    }
    if (!ok) return;
    const std::string_view rest = reader.Rest();
    FUZZ_CHECK(rest.size() <= bytes.size()) << "reader grew";
    const std::string consumed = bytes.substr(0, bytes.size() - rest.size());
    FUZZ_CHECK(rebuilt.key() == consumed)
        << "component " << i << " (kind " << kind << "): \"" << Escape(consumed) << "\" re-encodes as \""
        << Escape(rebuilt.key()) << "\"";
  }
  // Raw takes the rest unchanged.
  rebuilt.Raw(reader.Rest());
  FUZZ_CHECK(rebuilt.Build() == bytes) << "raw rest";
}

void CheckOrder(FuzzedDataProvider& in) {
  const std::string a1 = in.ConsumeRandomLengthString(32), a2 = in.ConsumeRandomLengthString(32);
  const std::string b1 = in.ConsumeRandomLengthString(32), b2 = in.ConsumeRandomLengthString(32);
  // (a1, a2) vs (b1, b2) in tuple order equals their String.String keys' order.
  int expected = Compare(a1, b1);
  if (expected == 0) expected = Compare(a2, b2);
  const std::string ka = KeyBuilder().String(a1).String(a2).Build();
  const std::string kb = KeyBuilder().String(b1).String(b2).Build();
  FUZZ_CHECK(Compare(ka, kb) == expected) << "(\"" << Escape(a1) << "\", \"" << Escape(a2) << "\") vs (\""
                                          << Escape(b1) << "\", \"" << Escape(b2) << "\")";
  KeyReader reader(ka);
  std::string r1, r2;
  FUZZ_CHECK(reader.String(&r1) && reader.String(&r2) && reader.AtEnd() && r1 == a1 && r2 == a2) << "round trip";

  const int32_t x = in.ConsumeIntegral<int32_t>(), y = in.ConsumeIntegral<int32_t>();
  const int want = (x > y) - (x < y);
  FUZZ_CHECK(Compare(KeyBuilder().Int32(x).Build(), KeyBuilder().Int32(y).Build()) == want) << x << " vs " << y;
  FUZZ_CHECK(Compare(KeyBuilder().DescendingInt32(x).Build(), KeyBuilder().DescendingInt32(y).Build()) == -want)
      << x << " vs " << y << " descending";
  const uint64_t u = in.ConsumeIntegral<uint64_t>(), v = in.ConsumeIntegral<uint64_t>();
  const int uwant = (u > v) - (u < v);
  FUZZ_CHECK(Compare(KeyBuilder().Uint64(u).Build(), KeyBuilder().Uint64(v).Build()) == uwant) << u << " vs " << v;
  FUZZ_CHECK(Compare(KeyBuilder().DescendingUint64(u).Build(), KeyBuilder().DescendingUint64(v).Build()) == -uwant)
      << u << " vs " << v << " descending";

  // PrefixSuccessor(p) is above every key that starts with p, and empty only for a prefix of all FF.
  const std::string prefix = in.ConsumeRandomLengthString(16);
  const std::string successor = storage::PrefixSuccessor(prefix);
  if (successor.empty()) {
    FUZZ_CHECK(prefix.find_first_not_of('\xFF') == std::string::npos) << "no successor for \"" << Escape(prefix)
                                                                       << "\"";
  } else {
    const std::string key = prefix + in.ConsumeRandomLengthString(16);
    FUZZ_CHECK(Compare(key, successor) < 0) << "\"" << Escape(key) << "\" >= successor \"" << Escape(successor) << "\"";
    FUZZ_CHECK(Compare(prefix, successor) < 0) << "successor below its prefix";
  }
}

}  // namespace
}  // namespace accord::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace accord;
  if (size == 0) return 0;
  const std::string all(reinterpret_cast<const char*>(data), size);
  const std::string bytes = all.substr(1);
  fuzz::DecodeWithSchema(data[0], bytes);

  uint64_t sequence;
  if (storage::ParseSequenceKey(bytes, &sequence)) {
    FUZZ_CHECK(storage::SequenceKey(sequence) == bytes) << "sequence key " << sequence;
  }

  FuzzedDataProvider in(data + 1, size - 1);
  fuzz::CheckOrder(in);
  return 0;
}
