#include "tests/hostile/hostile_support.h"

#include <fstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/client_callback.h"

namespace accord::hostile {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

std::chrono::system_clock::time_point Deadline(absl::Duration d) {
  return std::chrono::system_clock::now() + absl::ToChronoMicroseconds(d);
}

// Writes the bodies one after another, then half-closes; reads until the end.
class StreamReactor final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  StreamReactor(grpc::GenericStub& stub, const std::string& path, const std::vector<std::string>& bodies,
                size_t max_reads, absl::Duration deadline)
      : bodies_(bodies), max_reads_(max_reads) {
    context_.set_deadline(Deadline(deadline));
    stub.PrepareBidiStreamingCall(&context_, path, grpc::StubOptions(), this);
    // One hold for the writer, released once the writes are done or failed.
    AddHold();
    StartRead(&in_);
    WriteNext();
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (ok) {
      WriteNext();
    } else {
      RemoveHold();
    }
  }
  void OnWritesDoneDone(bool) override { RemoveHold(); }

  void OnReadDone(bool ok) override {
    if (!ok) return;
    outcome_.responses.push_back(FromBuffer(in_));
    if (outcome_.responses.size() >= max_reads_) {
      context_.TryCancel();
      return;
    }
    StartRead(&in_);
  }

  void OnDone(const grpc::Status& status) override {
    outcome_.status = status;
    done_.Notify();
  }

  Outcome Await() {
    done_.WaitForNotification();
    return std::move(outcome_);
  }

 private:
  void WriteNext() {
    if (next_ < bodies_.size()) {
      out_ = ToBuffer(bodies_[next_++]);
      StartWrite(&out_);
    } else {
      StartWritesDone();
    }
  }

  grpc::ClientContext context_;
  const std::vector<std::string>& bodies_;
  const size_t max_reads_;
  size_t next_ = 0;
  grpc::ByteBuffer out_;
  grpc::ByteBuffer in_;
  Outcome outcome_;
  absl::Notification done_;
};

}  // namespace

Wire& Wire::Varint(int field, uint64_t value) {
  PutVarint(static_cast<uint64_t>(field) << 3 | 0, &bytes_);
  PutVarint(value, &bytes_);
  return *this;
}

Wire& Wire::Bytes(int field, std::string_view value) {
  PutVarint(static_cast<uint64_t>(field) << 3 | 2, &bytes_);
  PutVarint(value.size(), &bytes_);
  bytes_.append(value.data(), value.size());
  return *this;
}

Outcome RawUnary(grpc::GenericStub& stub, const std::string& path, const std::string& body, absl::Duration deadline) {
  grpc::ClientContext context;
  context.set_deadline(Deadline(deadline));
  const grpc::ByteBuffer request = ToBuffer(body);
  grpc::ByteBuffer response;
  absl::Notification done;
  Outcome outcome;
  stub.UnaryCall(&context, path, grpc::StubOptions(), &request, &response, [&](grpc::Status status) {
    outcome.status = std::move(status);
    done.Notify();
  });
  done.WaitForNotification();
  if (outcome.status.ok()) outcome.responses.push_back(FromBuffer(response));
  return outcome;
}

Outcome RawStream(grpc::GenericStub& stub, const std::string& path, const std::vector<std::string>& bodies,
                  size_t max_reads, absl::Duration deadline) {
  StreamReactor reactor(stub, path, bodies, max_reads, deadline);
  return reactor.Await();
}

namespace {

// A "Field:   123 kB" line of /proc/PID/status, in bytes.
int64_t StatusBytes(pid_t pid, absl::string_view field) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest(line);
    if (!absl::ConsumePrefix(&rest, field)) continue;
    rest = absl::StripAsciiWhitespace(rest);
    absl::ConsumeSuffix(&rest, "kB");
    int64_t kib = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(rest), &kib)) return kib * 1024;
  }
  return -1;
}

}  // namespace

int64_t ResidentBytes(pid_t pid) { return StatusBytes(pid, "VmRSS:"); }
int64_t PeakResidentBytes(pid_t pid) { return StatusBytes(pid, "VmHWM:"); }

}  // namespace accord::hostile
