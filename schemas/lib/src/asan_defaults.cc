// Compiled into every program and test of a tree built with -DVIGIL_SANITIZE=address (see
// schemas/CMakeLists.txt): AddressSanitizer's built-in suppressions, so that no ASAN_OPTIONS
// are needed, in ctest or in the processes the tests start.
//
// interceptor_via_lib:libxapian.so: libxapian itself is not instrumented, but ASan checks the
// libc calls it makes. A reader of a block that a commit has just reused can make Xapian 1.4.22
// compare a few bytes past its 8,200-byte block buffer (seen in ReadLiveRace: a READ of size 5 in
// memcmp). That read is Xapian's, on a revision already gone; the search that hit it fails with a
// Xapian error and opens the index again (vigil/live_read.h). Our own code stays fully checked.

// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming): ASan's hook name
extern "C" const char* __asan_default_suppressions() {
  return "interceptor_via_lib:libxapian.so\n";
}
