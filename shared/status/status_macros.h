// RETURN_IF_ERROR / ASSIGN_OR_RETURN, which abseil 20220623 does not ship.
#ifndef ACCORD_SHARED_STATUS_STATUS_MACROS_H_
#define ACCORD_SHARED_STATUS_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ACCORD_CONCAT_INNER_(a, b) a##b
#define ACCORD_CONCAT_(a, b) ACCORD_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status); returns it from the caller when not OK.
#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    const ::absl::Status accord_status_ = (expr); \
    if (!accord_status_.ok()) return accord_status_; \
  } while (false)

// `lhs` = value of `rexpr` (an absl::StatusOr<T>); returns its status when not OK.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL_(ACCORD_CONCAT_(accord_statusor_, __LINE__), lhs, rexpr)

#define ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                           \
  if (!statusor.ok()) return statusor.status();      \
  lhs = std::move(statusor).value()

#endif  // ACCORD_SHARED_STATUS_STATUS_MACROS_H_
