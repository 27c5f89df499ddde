// Admission control: at most `limit` holders at once; beyond that TryAcquire
// fails at once instead of queueing, so overload turns into a status the
// caller can act on (RESOURCE_EXHAUSTED) rather than an unbounded queue.
// Thread-safe.
#ifndef ACCORD_SHARED_SYNC_ADMISSION_LIMIT_H_
#define ACCORD_SHARED_SYNC_ADMISSION_LIMIT_H_

#include <atomic>
#include <cstddef>
#include <memory>

namespace accord::sync {

class AdmissionLimit {
 public:
  // Releases its slot when destroyed.
  class Ticket {
   public:
    explicit Ticket(AdmissionLimit* limit) : limit_(limit) {}
    ~Ticket() { limit_->held_.fetch_sub(1, std::memory_order_acq_rel); }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

   private:
    AdmissionLimit* limit_;
  };

  // REQUIRES: limit >= 1.
  explicit AdmissionLimit(size_t limit) : limit_(limit) {}

  // A ticket, or nullptr when `limit` tickets are out. The limit must
  // outlive its tickets.
  std::unique_ptr<Ticket> TryAcquire() {
    if (held_.fetch_add(1, std::memory_order_acq_rel) >= limit_) {
      held_.fetch_sub(1, std::memory_order_acq_rel);
      return nullptr;
    }
    return std::make_unique<Ticket>(this);
  }

  size_t limit() const { return limit_; }
  size_t held() const { return held_.load(std::memory_order_acquire); }

 private:
  const size_t limit_;
  std::atomic<size_t> held_{0};
};

}  // namespace accord::sync

#endif  // ACCORD_SHARED_SYNC_ADMISSION_LIMIT_H_
