// Checks over whole protobuf messages shared by the fuzz targets.
#ifndef ACCORD_TESTS_FUZZ_PROTO_CHECKS_H_
#define ACCORD_TESTS_FUZZ_PROTO_CHECKS_H_

#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/reflection.h"
#include "google/protobuf/stubs/logging.h"
#include "shared/text/utf8.h"
#include "tests/fuzz/fuzz_check.h"

namespace accord::fuzz {

// Protobuf logs an ERROR line for every parse of a string field with invalid
// UTF-8; fuzzing makes millions. The parse still fails, which is what counts.
inline void SilenceProtobufLogs() { google::protobuf::SetLogHandler(nullptr); }

// Every string field, at any depth, holds valid UTF-8 (protobuf serializes
// invalid UTF-8 but will not parse it back, so a stored record would be lost).
inline void CheckStringsAreUtf8(const google::protobuf::Message& m, const std::string& path = "") {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* r = m.GetReflection();
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const std::string where = path + "." + f->name();
    if (f->type() == FieldDescriptor::TYPE_STRING) {
      if (f->is_repeated()) {
        for (int j = 0; j < r->FieldSize(m, f); ++j) {
          const std::string v = r->GetRepeatedString(m, f, j);
          FUZZ_CHECK(text::IsValidUtf8(v)) << where << "[" << j << "] = \"" << Escape(v) << "\"";
        }
      } else {
        const std::string v = r->GetString(m, f);
        FUZZ_CHECK(text::IsValidUtf8(v)) << where << " = \"" << Escape(v) << "\"";
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int j = 0; j < r->FieldSize(m, f); ++j) {
          CheckStringsAreUtf8(r->GetRepeatedMessage(m, f, j), where + "[" + std::to_string(j) + "]");
        }
      } else if (r->HasField(m, f)) {
        CheckStringsAreUtf8(r->GetMessage(m, f), where);
      }
    }
  }
}

// The message serializes and parses back to the same bytes (what storing it does).
inline void CheckSerializesAndParsesBack(const google::protobuf::Message& m) {
  std::string bytes;
  FUZZ_CHECK(m.SerializeToString(&bytes)) << m.GetTypeName() << " does not serialize";
  std::unique_ptr<google::protobuf::Message> back(m.New());
  FUZZ_CHECK(back->ParseFromString(bytes)) << m.GetTypeName() << " does not parse back";
  std::string again;
  FUZZ_CHECK(back->SerializeToString(&again) && again == bytes) << m.GetTypeName() << " changed in a round trip";
}

}  // namespace accord::fuzz

#endif  // ACCORD_TESTS_FUZZ_PROTO_CHECKS_H_
