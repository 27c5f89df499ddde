#include "shared/config/env_flags.h"

#include <cstdlib>
#include <map>

#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"

namespace accord::config {

std::string EnvironmentVariableFor(const std::string& name) { return "ACCORD_" + absl::AsciiStrToUpper(name); }

std::vector<char*> ArgvWithEnvironment(int argc, char** argv, std::vector<std::string>* storage) {
  // Sorted by name so the result does not depend on hash order.
  std::map<std::string, std::string> from_env;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    const std::string flag_name(name);
    if (const char* value = std::getenv(EnvironmentVariableFor(flag_name).c_str())) {
      from_env[flag_name] = value;
    }
  }
  storage->clear();
  storage->reserve(from_env.size());
  for (const auto& [name, value] : from_env) storage->push_back("--" + name + "=" + value);
  std::vector<char*> out;
  out.push_back(argv[0]);
  for (std::string& s : *storage) out.push_back(s.data());
  for (int i = 1; i < argc; ++i) out.push_back(argv[i]);
  out.push_back(nullptr);
  return out;
}

}  // namespace accord::config
