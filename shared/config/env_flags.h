// Configuration by environment, for containers: every flag NAME can also be
// set by the variable ACCORD_NAME (upper case: --data_dir <- ACCORD_DATA_DIR).
// A flag given on the command line wins over the environment.
#ifndef ACCORD_SHARED_CONFIG_ENV_FLAGS_H_
#define ACCORD_SHARED_CONFIG_ENV_FLAGS_H_

#include <string>
#include <vector>

namespace accord::config {

// The environment variable for flag `name`: "data_dir" -> "ACCORD_DATA_DIR".
std::string EnvironmentVariableFor(const std::string& name);

// Returns argv[0], then "--NAME=value" for each flag defined in this binary
// whose ACCORD_NAME is set, then argv[1..]. Pass the result to
// absl::ParseCommandLine. `storage` owns the added strings.
// REQUIRES: every flag is defined (ABSL_FLAG at namespace scope) before the call.
std::vector<char*> ArgvWithEnvironment(int argc, char** argv, std::vector<std::string>* storage);

}  // namespace accord::config

#endif  // ACCORD_SHARED_CONFIG_ENV_FLAGS_H_
