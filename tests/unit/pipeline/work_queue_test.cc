// WorkQueue: the bounded hand-over between vigil-index add's reader and writer threads.
#include "work_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace vigil::indexer {
namespace {

TEST(WorkQueue, DeliversEveryItemInOrderThenEnds) {
  WorkQueue<int> queue(4);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(queue.push(i));
    queue.close();
  });
  std::vector<int> got;
  while (std::optional<int> item = queue.pop()) got.push_back(*item);
  producer.join();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)], i);
}

TEST(WorkQueue, NeverHoldsMoreThanItsCapacity) {
  WorkQueue<int> queue(3);
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 0; i < 10; ++i) {
      queue.push(i);
      ++pushed;
    }
  });
  while (pushed.load() < 3) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(pushed.load(), 3);  // the fourth push waits for room
  for (int i = 0; i < 10; ++i) EXPECT_EQ(queue.pop(), i);
  producer.join();
}

TEST(WorkQueue, CloseReleasesAWaitingProducerAndDrainsWhatIsLeft) {
  WorkQueue<int> queue(1);
  ASSERT_TRUE(queue.push(1));
  std::atomic<bool> refused{false};
  std::thread producer([&] { refused = !queue.push(2); });  // waits: the queue is full
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.close();
  producer.join();
  EXPECT_TRUE(refused.load());
  EXPECT_EQ(queue.pop(), 1);
  EXPECT_EQ(queue.pop(), std::nullopt);
}

}  // namespace
}  // namespace vigil::indexer
