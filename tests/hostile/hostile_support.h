// Tools of the hostile-request suite: a hand-written protobuf wire encoder
// (to put bytes into a message that the generated code would refuse to
// write), raw calls that send any bytes to any method path through
// grpc::GenericStub, and a process's resident memory.
#ifndef ACCORD_TESTS_HOSTILE_HOSTILE_SUPPORT_H_
#define ACCORD_TESTS_HOSTILE_HOSTILE_SUPPORT_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/status.h"

namespace accord::hostile {

// Protobuf wire format, field by field, with no check of what goes in.
class Wire {
 public:
  Wire& Varint(int field, uint64_t value);
  // Length-delimited: a string, bytes or an embedded message's bytes.
  Wire& Bytes(int field, std::string_view value);
  Wire& Message(int field, const Wire& message) { return Bytes(field, message.bytes_); }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// What a raw call came back with.
struct Outcome {
  grpc::Status status;
  // Each response message's bytes, in order.
  std::vector<std::string> responses;
};

// Sends `body` unchanged as the request of unary method `path` ("/pkg.Service/Method").
Outcome RawUnary(grpc::GenericStub& stub, const std::string& path, const std::string& body, absl::Duration deadline);

// Opens a stream to `path` (client-, server- or bidi-streaming alike), writes
// each of `bodies` unchanged, half-closes, and reads responses until the
// server ends the call or `max_reads` have come (then it cancels the call).
Outcome RawStream(grpc::GenericStub& stub, const std::string& path, const std::vector<std::string>& bodies,
                  size_t max_reads, absl::Duration deadline);

// VmRSS of process `pid` in bytes; -1 when it cannot be read.
int64_t ResidentBytes(pid_t pid);
// VmHWM (the peak of VmRSS) of process `pid` in bytes; -1 when it cannot be read.
int64_t PeakResidentBytes(pid_t pid);

}  // namespace accord::hostile

#endif  // ACCORD_TESTS_HOSTILE_HOSTILE_SUPPORT_H_
