// Network namespaces and veth links made by one test, so that services run as
// if on separate hosts and a link between them can be cut and restored.
//
// Everything a lab makes is named after the test process's pid
// ("accf-{pid}-{name}" namespaces, "af{pid}x{n}" links) and uses addresses in
// one 10.N.0.0/16 block that nothing in the root namespace uses. The lab
// removes it all on destruction (killing whatever still runs inside its
// namespaces); a watchdog process, in a session of its own, does the same
// when the test process dies without running destructors (a crash, a
// SIGKILL from ctest's timeout). Labs left by dead processes are removed
// when the next one is created.
//
// Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) and iproute2's `ip`. Not
// thread-safe: use from the test's main thread.
#ifndef ACCORD_TESTS_TESTING_NETWORK_LAB_H_
#define ACCORD_TESTS_TESTING_NETWORK_LAB_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace accord::testing {

// One end of a veth link: the namespace it is in ("" = the root namespace),
// its interface name and its IPv4 address.
struct LinkEnd {
  std::string ns;
  std::string interface;
  std::string address;
};

class NetworkLab {
 public:
  // Checks what a lab needs (root, `ip`, a namespace can be made) and starts
  // the watchdog. FAILED_PRECONDITION saying exactly what is missing.
  static absl::StatusOr<std::unique_ptr<NetworkLab>> Create();

  ~NetworkLab();
  NetworkLab(const NetworkLab&) = delete;
  NetworkLab& operator=(const NetworkLab&) = delete;

  // Makes namespace `name` (its loopback up); returns its full name.
  absl::StatusOr<std::string> AddNamespace(const std::string& name);

  // Links namespaces `a` and `b` (full names; "" = the root namespace) with a
  // veth pair on their own /30 subnet 10.N.`subnet`.0/30: `a` gets .1, `b` .2.
  // REQUIRES: each subnet used once, 0 <= subnet <= 255.
  absl::StatusOr<std::pair<LinkEnd, LinkEnd>> Link(const std::string& a, const std::string& b, int subnet);

  // Takes `end`'s interface down or up again. Its peer then sees no carrier;
  // a host on it fails to resolve the other end and its sockets get
  // EHOSTUNREACH (a cut that announces itself).
  absl::Status SetUp(const LinkEnd& end, bool up);

  // Cuts a link silently, as a partition does: both ends drop every packet
  // they send (a `blackhole` qdisc) while each end's neighbour entry for the
  // other is pinned, so nothing reports the cut to the hosts' sockets; only
  // timeouts (keepalive) can notice it. Falls back to taking `link.first`
  // down when the blackhole qdisc is not available. Returns how it cut.
  absl::StatusOr<std::string> Partition(const std::pair<LinkEnd, LinkEnd>& link);
  // Undoes Partition.
  absl::Status Heal(const std::pair<LinkEnd, LinkEnd>& link);

  // The arguments for Subprocess(ip_binary(), ...) that run `binary args...`
  // inside namespace `ns` (`ip netns exec NS binary args...`); ip execs the
  // binary, so the child's pid is the binary's and signals reach it.
  std::vector<std::string> ExecArgs(const std::string& ns, const std::string& binary,
                                    const std::vector<std::string>& args) const;
  const std::string& ip_binary() const { return ip_; }

 private:
  NetworkLab(std::string ip, int block);
  absl::Status StartWatchdog();
  // Removes this lab's namespaces (killing their processes) and root-side links.
  void Cleanup();

  // `ip` with `-n NS` when `ns` is not the root namespace, then `args`.
  std::vector<std::string> Ip(const std::string& ns, const std::vector<std::string>& args) const;

  // `tc args...` run inside `ns` (or the root namespace).
  std::vector<std::string> Tc(const std::string& ns, const std::vector<std::string>& args) const;

  const std::string ip_;
  const std::string tc_;  // empty when not installed
  const int block_;  // N of 10.N.0.0/16
  const std::string ns_prefix_;
  const std::string link_prefix_;
  int links_ = 0;
  std::vector<std::string> namespaces_;
  std::vector<std::string> partitioned_by_link_down_;  // interfaces Partition took down
  pid_t watchdog_ = -1;
  int watchdog_pipe_ = -1;
};

// Runs `argv` (argv[0] an absolute path), waiting at most `timeout_seconds`;
// OK on exit status 0, else an error with its output.
absl::Status RunCommand(const std::vector<std::string>& argv, std::string* output = nullptr,
                        int timeout_seconds = 20);

}  // namespace accord::testing

#endif  // ACCORD_TESTS_TESTING_NETWORK_LAB_H_
