// Progress bar drawing: "\r<label> [=======>      ]  45%  120.3/260.0 MiB".
#include "progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ccsp::cli {

bool IsTerminal(int fd) {
  const char* term = std::getenv("TERM");
  return isatty(fd) && !(term && std::strcmp(term, "dumb") == 0);
}

ProgressBar::ProgressBar(bool enabled, std::string label)
    : enabled_(enabled), label_(std::move(label)), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_ || total == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds(500)) return;
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  double frac = done >= total ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  int fill = static_cast<int>(frac * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < fill ? '=' : i == fill ? '>' : ' ';
  bar[kWidth] = '\0';
  std::string name = label_.size() > 30 ? "..." + label_.substr(label_.size() - 27) : label_;
  std::fprintf(stderr, "\r%s [%s] %3d%%  %.1f/%.1f MiB", name.c_str(), bar,
               static_cast<int>(frac * 100), static_cast<double>(done) / (1 << 20),
               static_cast<double>(total) / (1 << 20));
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace ccsp::cli
