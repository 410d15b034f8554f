// The report follows pubgrub's DefaultStringReporter (itself after pub's SolveFailure), with every
// line numbered so that citations point at a line.
#include "core/resolve/derivation.hpp"

#include <functional>
#include <initializer_list>
#include <iterator>

namespace pinset::resolve {

namespace {

// Walks what `failure` derives from, depth first with cause1's side before cause2's, each
// incompatibility once: calls fact(id) for each external one reached (`failure` too, if it is
// one), and cite(cause) each time a derived one cites a cause (twice for a cause cited twice).
template <class Fact, class Cite>
void walk_derivation(const IncompatibilityStore& store, std::uint32_t failure, Fact fact,
                     Cite cite) {
  std::vector<std::uint8_t> seen(store.size(), 0);
  std::vector<std::uint32_t> stack{failure};
  seen[failure] = 1;
  while (!stack.empty()) {
    std::uint32_t id = stack.back();
    stack.pop_back();
    if (store[id].kind != IncompatibilityKind::derived) {
      fact(id);
      continue;
    }
    // Push cause2 first so cause1's side is walked first.
    for (std::uint32_t cause : {store[id].cause2, store[id].cause1}) {
      cite(cause);
      if (!seen[cause]) {
        seen[cause] = 1;
        stack.push_back(cause);
      }
    }
  }
}

class Reporter {
 public:
  Reporter(Wording& wording, const IncompatibilityStore& store, std::uint32_t failure)
      : m_wording(wording), m_store(store), m_parents(store.size(), 0), m_line_of(store.size(), 0) {
    // Count how many derived incompatibilities cite each one.
    walk_derivation(
        store, failure, [](std::uint32_t) {}, [&](std::uint32_t cause) { ++m_parents[cause]; });
  }

  std::vector<std::string> run(std::uint32_t failure) {
    if (external(failure)) {
      add("Because " + m_wording.fact(failure) + ", " + m_wording.terms(failure) + ".");
    } else {
      build(failure);
      while (!m_tasks.empty()) {
        Task task = std::move(m_tasks.back());
        m_tasks.pop_back();
        task();
      }
    }
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
      m_lines[i] = std::to_string(i + 1) + ". " + m_lines[i];
    }
    return std::move(m_lines);
  }

 private:
  // The report is written by tasks on an explicit stack rather than by recursion, so that a
  // derivation thousands of levels deep cannot overflow the call stack. A task that needs other
  // work done first schedules it, followed by its own continuation.
  using Task = std::function<void()>;

  // Runs `tasks` in order, before anything scheduled earlier.
  void then(std::initializer_list<Task> tasks) {
    for (auto it = std::rbegin(tasks); it != std::rend(tasks); ++it)
      m_tasks.push_back(*it);
  }

  bool external(std::uint32_t id) const { return m_store[id].kind != IncompatibilityKind::derived; }
  bool shared(std::uint32_t id) const { return m_parents[id] > 1; }
  // The line a shared conclusion was stated on, or 0 when it has not been stated yet.
  std::uint32_t line_of(std::uint32_t id) const { return shared(id) ? m_line_of[id] : 0; }
  std::uint32_t last_line() const { return static_cast<std::uint32_t>(m_lines.size()); }
  std::string cite(std::uint32_t id, std::uint32_t line) {
    return m_wording.terms(id) + " (" + std::to_string(line) + ")";
  }
  std::string fact(std::uint32_t id) { return m_wording.fact(id); }
  std::string conclusion(std::uint32_t id) { return m_wording.terms(id) + "."; }
  void add(std::string line) { m_lines.push_back(std::move(line)); }

  // Explains derived incompatibility `id`, ending with a line that concludes it.
  void build(std::uint32_t id) {
    then({[this, id] { step(id); },
          [this, id] {
            if (shared(id) && m_line_of[id] == 0) m_line_of[id] = last_line();
          }});
  }

  void step(std::uint32_t id) {
    std::uint32_t c1 = m_store[id].cause1;
    std::uint32_t c2 = m_store[id].cause2;
    if (external(c1) && external(c2)) {
      add("Because " + m_wording.facts(c1, c2) + ", " + conclusion(id));
    } else if (external(c2)) {
      one_each(c1, c2, id);
    } else if (external(c1)) {
      one_each(c2, c1, id);
    } else if (line_of(c1) && line_of(c2)) {
      add("Because " + cite(c1, line_of(c1)) + " and " + cite(c2, line_of(c2)) + ", " +
          conclusion(id));
    } else if (line_of(c1) || line_of(c2)) {
      std::uint32_t cited = line_of(c1) ? c1 : c2;
      std::uint32_t other = cited == c1 ? c2 : c1;
      then({[this, other] { build(other); },
            [this, id, cited] {
              add("And because " + cite(cited, line_of(cited)) + ", " + conclusion(id));
            }});
    } else {
      then({[this, c1] { build(c1); },
            [this, id, c1, c2] {
              if (shared(c1)) {
                step(id);  // c1 now has a line, so this takes the branch above
                return;
              }
              std::uint32_t line1 = last_line();
              then({[this, c2] { build(c2); },
                    [this, id, c1, line1] {
                      add("And because " + cite(c1, line1) + ", " + conclusion(id));
                    }});
            }});
    }
  }

  void one_each(std::uint32_t derived, std::uint32_t ext, std::uint32_t current) {
    if (std::uint32_t line = line_of(derived)) {
      add("Because " + cite(derived, line) + " and " + fact(ext) + ", " + conclusion(current));
      return;
    }
    std::uint32_t d1 = m_store[derived].cause1;
    std::uint32_t d2 = m_store[derived].cause2;
    // When the derived cause itself rests on one fact, state both facts in one sentence.
    if (external(d1) != external(d2)) {
      std::uint32_t prior = external(d1) ? d1 : d2;
      std::uint32_t next = external(d1) ? d2 : d1;
      then({[this, next] { build(next); },
            [this, prior, ext, current] {
              add("And because " + m_wording.facts(prior, ext) + ", " + conclusion(current));
            }});
    } else {
      then(
          {[this, derived] { build(derived); },
           [this, ext, current] { add("And because " + fact(ext) + ", " + conclusion(current)); }});
    }
  }

  Wording& m_wording;
  const IncompatibilityStore& m_store;
  std::vector<std::uint32_t> m_parents;
  std::vector<std::uint32_t> m_line_of;
  std::vector<std::string> m_lines;
  std::vector<Task> m_tasks;
};

}  // namespace

std::vector<std::string> derivation_lines(Wording& wording, const IncompatibilityStore& store,
                                          std::uint32_t failure) {
  return Reporter(wording, store, failure).run(failure);
}

std::vector<std::uint32_t> derivation_facts(const IncompatibilityStore& store,
                                            std::uint32_t failure) {
  std::vector<std::uint32_t> facts;
  walk_derivation(
      store, failure, [&](std::uint32_t id) { facts.push_back(id); }, [](std::uint32_t) {});
  return facts;
}

}  // namespace pinset::resolve
