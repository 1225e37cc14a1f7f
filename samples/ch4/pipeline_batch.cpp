// A batch pipeline: stages are plain functions from a batch to a new batch. Multiply by 2, add 1,
// multiply by 2: composing the stages is function composition, and each can be changed or reordered
// without touching the others; but every stage holds a whole copy of the batch and nothing runs
// concurrently (compare pipeline_stream.cpp). There is only one task and no ccsp API, so ccsp has
// nothing to report.
//
// EXPECT: nothing
// EXPECT: stdout 6 10 14 18
#include <cstdio>
#include <vector>

std::vector<int> multiply(const std::vector<int>& values, int multiplier) {
  std::vector<int> out;
  out.reserve(values.size());
  for (int v : values) out.push_back(v * multiplier);
  return out;
}

std::vector<int> add(const std::vector<int>& values, int additive) {
  std::vector<int> out;
  out.reserve(values.size());
  for (int v : values) out.push_back(v + additive);
  return out;
}

int main() {
  const std::vector<int> ints{1, 2, 3, 4};
  for (int v : multiply(add(multiply(ints, 2), 1), 2)) std::printf("%d ", v);
  std::printf("\n");
}
