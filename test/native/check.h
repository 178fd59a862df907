// A minimal test harness for the C++ core tests: CHECK records failures and
// main() reports "N passed, N failed" and the exit status.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace ndinterop_test {

struct TestCase {
  const char* name;
  std::function<void()> body;
};

inline std::vector<TestCase>& registry() {
  static std::vector<TestCase> cases;
  return cases;
}

inline int& failures() {
  static int count = 0;
  return count;
}

struct Registrar {
  Registrar(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

inline int runAll() {
  int passed = 0, failed = 0;
  for (const TestCase& test : registry()) {
    const int before = failures();
    test.body();
    if (failures() == before) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAILED: %s\n", test.name);
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace ndinterop_test

#define NDI_CONCAT2(a, b) a##b
#define NDI_CONCAT(a, b) NDI_CONCAT2(a, b)
#define TEST(name)                                                                       \
  static void NDI_CONCAT(test_, name)();                                                 \
  static ::ndinterop_test::Registrar NDI_CONCAT(registrar_, name)(#name, NDI_CONCAT(test_, name)); \
  static void NDI_CONCAT(test_, name)()
#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      std::printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
      ++::ndinterop_test::failures();                                        \
    }                                                                        \
  } while (0)
#define TEST_MAIN() \
  int main() { return ::ndinterop_test::runAll(); }
