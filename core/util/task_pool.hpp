#pragma once
// A fixed set of worker threads running submitted tasks; wait() blocks until all are done.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pinset {

class TaskPool {
 public:
  // `threads` < 1 means one per core.
  explicit TaskPool(int threads) {
    unsigned n =
        threads > 0 ? unsigned(threads) : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i)
      m_threads.emplace_back([this] { run(); });
  }
  ~TaskPool() {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_stopping = true;
    }
    m_ready.notify_all();
    for (auto& t : m_threads)
      t.join();
  }
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // Tasks must not throw (catch inside and record the failure).
  void submit(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_tasks.push_back(std::move(task));
      ++m_pending;
    }
    m_ready.notify_one();
  }

  void wait() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return m_pending == 0; });
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_ready.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
        if (m_tasks.empty()) return;
        task = std::move(m_tasks.front());
        m_tasks.pop_front();
      }
      task();
      {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (--m_pending == 0) m_idle.notify_all();
      }
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::condition_variable m_idle;
  std::deque<std::function<void()>> m_tasks;
  std::size_t m_pending = 0;
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

}  // namespace pinset
