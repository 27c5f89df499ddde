#include "tests/testing/network_lab.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace accord::testing {
namespace {

constexpr char kNamespacePrefix[] = "accf-";
constexpr char kLinkPrefix[] = "af";

// The absolute path of iproute2's `tool` ("ip", "tc"); empty when not installed.
std::string FindTool(const std::string& tool) {
  for (const char* dir : {"/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/"}) {
    const std::string path = dir + tool;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return "";
}

bool ProcessAlive(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

// The pid in "accf-{pid}-..." or "af{pid}x...", 0 when `name` is not one of ours.
pid_t OwnerOf(absl::string_view name) {
  absl::string_view rest = name;
  char end = 0;
  if (absl::ConsumePrefix(&rest, kNamespacePrefix)) {
    end = '-';
  } else if (absl::ConsumePrefix(&rest, kLinkPrefix)) {
    end = 'x';
  } else {
    return 0;
  }
  const size_t stop = rest.find(end);
  int pid = 0;
  if (stop == absl::string_view::npos || !absl::SimpleAtoi(rest.substr(0, stop), &pid)) return 0;
  return pid;
}

// First words of each line of `ip netns list` ("name (id: 3)").
std::vector<std::string> ListNamespaces(const std::string& ip) {
  std::string out;
  std::vector<std::string> names;
  if (!RunCommand({ip, "netns", "list"}, &out).ok()) return names;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    names.emplace_back(line.substr(0, line.find(' ')));
  }
  return names;
}

// Interface names of the root namespace ("27: name@if26: <...>").
std::vector<std::string> ListRootLinks(const std::string& ip) {
  std::string out;
  std::vector<std::string> names;
  if (!RunCommand({ip, "-o", "link", "show"}, &out).ok()) return names;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> fields = absl::StrSplit(line, absl::MaxSplits(": ", 2));
    if (fields.size() < 2) continue;
    absl::string_view name = fields[1];
    names.emplace_back(name.substr(0, name.find('@')));
  }
  return names;
}

void RemoveNamespace(const std::string& ip, const std::string& ns) {
  std::string pids;
  if (RunCommand({ip, "netns", "pids", ns}, &pids).ok()) {
    for (absl::string_view p : absl::StrSplit(pids, '\n', absl::SkipEmpty())) {
      int pid = 0;
      if (absl::SimpleAtoi(p, &pid) && pid > 1) ::kill(pid, SIGKILL);
    }
  }
  (void)RunCommand({ip, "netns", "del", ns});
}

// Removes labs whose test process is gone.
void RemoveStaleLabs(const std::string& ip) {
  for (const std::string& ns : ListNamespaces(ip)) {
    const pid_t owner = OwnerOf(ns);
    if (owner > 0 && absl::StartsWith(ns, kNamespacePrefix) && !ProcessAlive(owner)) RemoveNamespace(ip, ns);
  }
  for (const std::string& link : ListRootLinks(ip)) {
    const pid_t owner = OwnerOf(link);
    if (owner > 0 && absl::StartsWith(link, kLinkPrefix) && !ProcessAlive(owner)) {
      (void)RunCommand({ip, "link", "del", link});
    }
  }
}

// A 10.N.0.0/16 block that no address or route of the root namespace touches.
int FreeBlock(const std::string& ip) {
  std::string used, routes;
  (void)RunCommand({ip, "-4", "-o", "addr", "show"}, &used);
  (void)RunCommand({ip, "-4", "route", "show", "table", "all"}, &routes);
  used += routes;
  const int start = 64 + static_cast<int>(::getpid() % 128);
  for (int i = 0; i < 128; ++i) {
    const int n = 64 + (start - 64 + i) % 128;
    if (!absl::StrContains(used, absl::StrCat("10.", n, "."))) return n;
  }
  return 0;
}

}  // namespace

absl::Status RunCommand(const std::vector<std::string>& argv, std::string* output, int timeout_seconds) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::dup2(fds[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string out;
  const absl::Time deadline = absl::Now() + absl::Seconds(timeout_seconds);
  bool timed_out = false;
  while (true) {
    pollfd p{fds[0], POLLIN, 0};
    const int left = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    if (left <= 0) {
      timed_out = true;
      break;
    }
    const int r = ::poll(&p, 1, left);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      timed_out = r == 0;
      break;
    }
    char buf[4096];
    const ssize_t n = ::read(fds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (output != nullptr) *output = out;
  const std::string command = absl::StrJoin(argv, " ");
  if (timed_out) return absl::DeadlineExceededError(absl::StrCat("`", command, "` took over ", timeout_seconds, " s"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string how = WIFEXITED(status) ? absl::StrCat("exit status ", WEXITSTATUS(status))
                                               : absl::StrCat("signal ", WTERMSIG(status));
    return absl::InternalError(
        absl::StrCat("`", command, "` failed (", how, "): ", absl::StripTrailingAsciiWhitespace(out)));
  }
  return absl::OkStatus();
}

NetworkLab::NetworkLab(std::string ip, int block)
    : ip_(std::move(ip)),
      tc_(FindTool("tc")),
      block_(block),
      ns_prefix_(absl::StrCat(kNamespacePrefix, ::getpid(), "-")),
      link_prefix_(absl::StrCat(kLinkPrefix, ::getpid(), "x")) {}

absl::StatusOr<std::unique_ptr<NetworkLab>> NetworkLab::Create() {
  if (::geteuid() != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("network namespaces need root (CAP_NET_ADMIN and CAP_SYS_ADMIN); this test runs as uid ",
                     ::geteuid()));
  }
  const std::string ip = FindTool("ip");
  if (ip.empty()) {
    return absl::FailedPreconditionError(
        "iproute2's `ip` is not installed (looked in /usr/sbin, /sbin, /usr/bin, /bin); scripts/install_deps.sh "
        "installs it");
  }
  RemoveStaleLabs(ip);
  const int block = FreeBlock(ip);
  if (block == 0) return absl::FailedPreconditionError("no free 10.N.0.0/16 block in the root namespace (64 <= N < 192)");
  std::unique_ptr<NetworkLab> lab(new NetworkLab(ip, block));
  // Probe: can a namespace be made, and a program run inside it?
  const std::string probe = lab->ns_prefix_ + "probe";
  if (absl::Status s = RunCommand({ip, "netns", "add", probe}); !s.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("cannot create a network namespace: ", s.message()));
  }
  absl::Status exec = RunCommand({ip, "netns", "exec", probe, ip, "link", "set", "lo", "up"});
  (void)RunCommand({ip, "netns", "del", probe});
  if (!exec.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("cannot run a program in a network namespace: ", exec.message()));
  }
  if (absl::Status s = lab->StartWatchdog(); !s.ok()) return s;
  return lab;
}

absl::Status NetworkLab::StartWatchdog() {
  // The watchdog reads its stdin until EOF, which comes when this process
  // closes the pipe or dies however it dies, then removes the lab.
  const std::string script = absl::StrCat(
      "while read -r _; do :; done\n",  //
      "for ns in $('", ip_, "' netns list 2>/dev/null | cut -d' ' -f1); do\n",
      "  case \"$ns\" in ", ns_prefix_, "*)\n",
      "    for p in $('", ip_, "' netns pids \"$ns\" 2>/dev/null); do kill -9 \"$p\" 2>/dev/null; done\n",
      "    '", ip_, "' netns del \"$ns\" 2>/dev/null;;\n",
      "  esac\n",
      "done\n",
      "for l in $('", ip_, "' -o link show 2>/dev/null | cut -d: -f2 | cut -d@ -f1); do\n",
      "  case \"$l\" in ", link_prefix_, "*) '", ip_, "' link del \"$l\" 2>/dev/null;; esac\n",
      "done\n");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    ::setsid();  // out of the test's process group: a group kill must not stop the cleanup
    ::dup2(fds[0], STDIN_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDOUT_FILENO);
    for (int fd = 3; fd < 1024; ++fd) ::close(fd);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_IGN);
    ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[0]);
  watchdog_ = pid;
  watchdog_pipe_ = fds[1];
  return absl::OkStatus();
}

NetworkLab::~NetworkLab() { Cleanup(); }

void NetworkLab::Cleanup() {
  for (const std::string& ns : namespaces_) RemoveNamespace(ip_, ns);
  namespaces_.clear();
  for (const std::string& link : ListRootLinks(ip_)) {
    if (absl::StartsWith(link, link_prefix_)) (void)RunCommand({ip_, "link", "del", link});
  }
  if (watchdog_pipe_ >= 0) {
    ::close(watchdog_pipe_);
    watchdog_pipe_ = -1;
  }
  if (watchdog_ > 0) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (::waitpid(watchdog_, nullptr, WNOHANG) == 0 && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(10));
    }
    watchdog_ = -1;
  }
}

absl::StatusOr<std::string> NetworkLab::AddNamespace(const std::string& name) {
  const std::string full = ns_prefix_ + name;
  if (absl::Status s = RunCommand({ip_, "netns", "add", full}); !s.ok()) return s;
  namespaces_.push_back(full);
  if (absl::Status s = RunCommand({ip_, "-n", full, "link", "set", "lo", "up"}); !s.ok()) return s;
  return full;
}

absl::StatusOr<std::pair<LinkEnd, LinkEnd>> NetworkLab::Link(const std::string& a, const std::string& b, int subnet) {
  const int n = links_++;
  LinkEnd ends[2] = {{a, absl::StrCat(link_prefix_, n, "a"), absl::StrCat("10.", block_, ".", subnet, ".1")},
                     {b, absl::StrCat(link_prefix_, n, "b"), absl::StrCat("10.", block_, ".", subnet, ".2")}};
  if (absl::Status s =
          RunCommand({ip_, "link", "add", ends[0].interface, "type", "veth", "peer", "name", ends[1].interface});
      !s.ok()) {
    return s;
  }
  for (const LinkEnd& end : ends) {
    std::vector<std::string> in_ns = {ip_};
    if (!end.ns.empty()) {
      if (absl::Status s = RunCommand({ip_, "link", "set", end.interface, "netns", end.ns}); !s.ok()) return s;
      in_ns = {ip_, "-n", end.ns};
    }
    std::vector<std::string> add = in_ns;
    add.insert(add.end(), {"addr", "add", end.address + "/30", "dev", end.interface});
    if (absl::Status s = RunCommand(add); !s.ok()) return s;
    std::vector<std::string> up = in_ns;
    up.insert(up.end(), {"link", "set", end.interface, "up"});
    if (absl::Status s = RunCommand(up); !s.ok()) return s;
  }
  return std::make_pair(ends[0], ends[1]);
}

std::vector<std::string> NetworkLab::Ip(const std::string& ns, const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {ip_};
  if (!ns.empty()) argv.insert(argv.end(), {"-n", ns});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::vector<std::string> NetworkLab::Tc(const std::string& ns, const std::vector<std::string>& args) const {
  std::vector<std::string> argv;
  if (ns.empty()) {
    argv = {tc_};
  } else {
    argv = {ip_, "netns", "exec", ns, tc_};
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

absl::Status NetworkLab::SetUp(const LinkEnd& end, bool up) {
  return RunCommand(Ip(end.ns, {"link", "set", end.interface, up ? "up" : "down"}));
}

absl::StatusOr<std::string> NetworkLab::Partition(const std::pair<LinkEnd, LinkEnd>& link) {
  const LinkEnd* ends[2] = {&link.first, &link.second};
  std::string macs[2];
  for (int i = 0; i < 2; ++i) {
    std::string out;
    if (absl::Status s = RunCommand(Ip(ends[i]->ns, {"-o", "link", "show", "dev", ends[i]->interface}), &out);
        !s.ok()) {
      return s;
    }
    const size_t at = out.find("link/ether ");
    if (at == std::string::npos) return absl::InternalError(absl::StrCat("no MAC address in: ", out));
    macs[i] = out.substr(at + 11, 17);
  }
  // Pin each end's neighbour entry for the other: with ARP dropped too, an
  // unresolved neighbour would report EHOSTUNREACH to the sockets.
  for (int i = 0; i < 2; ++i) {
    const LinkEnd& peer = *ends[1 - i];
    if (absl::Status s = RunCommand(Ip(ends[i]->ns, {"neigh", "replace", peer.address, "lladdr", macs[1 - i], "dev",
                                                     ends[i]->interface, "nud", "permanent"}));
        !s.ok()) {
      return s;
    }
  }
  absl::Status blackhole = tc_.empty() ? absl::NotFoundError("iproute2's tc is not installed") : absl::OkStatus();
  for (const LinkEnd* end : ends) {
    if (!blackhole.ok()) break;
    blackhole = RunCommand(Tc(end->ns, {"qdisc", "replace", "dev", end->interface, "root", "blackhole"}));
  }
  if (blackhole.ok()) return std::string("blackhole qdisc on both ends, neighbours pinned (silent)");
  // Fall back: remove what was added, take the first end down.
  (void)Heal(link);
  if (absl::Status s = SetUp(link.first, false); !s.ok()) return s;
  partitioned_by_link_down_.push_back(link.first.interface);
  return absl::StrCat("link ", link.first.interface, " down (no blackhole qdisc: ", blackhole.message(), ")");
}

absl::Status NetworkLab::Heal(const std::pair<LinkEnd, LinkEnd>& link) {
  auto down = std::find(partitioned_by_link_down_.begin(), partitioned_by_link_down_.end(), link.first.interface);
  if (down != partitioned_by_link_down_.end()) {
    partitioned_by_link_down_.erase(down);
    return SetUp(link.first, true);
  }
  absl::Status result;
  if (tc_.empty()) return result;
  for (const LinkEnd* end : {&link.first, &link.second}) {
    std::string out;
    absl::Status s = RunCommand(Tc(end->ns, {"qdisc", "del", "dev", end->interface, "root"}), &out);
    // "No such file or directory" / "Cannot delete qdisc with handle of zero": nothing to remove.
    if (!s.ok() && !absl::StrContains(out, "handle of zero") && !absl::StrContains(out, "No such file")) result = s;
  }
  return result;
}

std::vector<std::string> NetworkLab::ExecArgs(const std::string& ns, const std::string& binary,
                                              const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {"netns", "exec", ns, binary};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace accord::testing
