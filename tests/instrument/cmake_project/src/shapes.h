// Shapes with virtual area(); a registry of them.
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace geo {

class Shape {
 public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
};

std::unique_ptr<Shape> make_circle(double r);
std::unique_ptr<Shape> make_rect(double w, double h);

template <class F>
double total_area(const std::vector<std::unique_ptr<Shape>>& shapes, F weight) {
  double sum = 0;
  for (const auto& s : shapes) sum += weight(*s) * s->area();
  return sum;
}

}  // namespace geo
