#include "shared/config/env_flags.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "gtest/gtest.h"

ABSL_FLAG(int32_t, env_test_limit, 1, "test flag");
ABSL_FLAG(std::string, env_test_name, "default", "test flag");

namespace accord::config {
namespace {

TEST(EnvFlagsTest, NamesTheVariable) { EXPECT_EQ(EnvironmentVariableFor("data_dir"), "ACCORD_DATA_DIR"); }

TEST(EnvFlagsTest, EnvironmentSetsFlagsAndTheCommandLineWins) {
  ::setenv("ACCORD_ENV_TEST_LIMIT", "7", 1);
  ::setenv("ACCORD_ENV_TEST_NAME", "from-env", 1);
  std::string program = "prog", override_arg = "--env_test_name=from-command-line";
  char* argv[] = {program.data(), override_arg.data()};
  std::vector<std::string> storage;
  std::vector<char*> args = ArgvWithEnvironment(2, argv, &storage);
  absl::ParseCommandLine(static_cast<int>(args.size()) - 1, args.data());
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_limit), 7);
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_name), "from-command-line");
  ::unsetenv("ACCORD_ENV_TEST_LIMIT");
  ::unsetenv("ACCORD_ENV_TEST_NAME");
}

}  // namespace
}  // namespace accord::config
