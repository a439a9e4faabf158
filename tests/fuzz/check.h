#pragma once
// What a fuzz target checks beyond "no crash, no sanitizer report": the contracts of the headers
// it calls. A broken contract aborts, so libFuzzer records the input as a finding.

#include <cstdio>
#include <cstdlib>

#define VIGIL_FUZZ_CHECK(condition)                                                         \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)
