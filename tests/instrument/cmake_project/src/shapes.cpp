#include "shapes.h"

#include <stdexcept>

namespace geo {
namespace {

class Circle : public Shape {
 public:
  explicit Circle(double r) : r_(r) {
    if (r < 0) throw std::invalid_argument("negative radius");
  }
  double area() const override { return 3.0 * r_ * r_; }
  std::string name() const override { return "circle"; }

 private:
  double r_;
};

class Rect : public Shape {
 public:
  Rect(double w, double h) : w_(w), h_(h) {}
  double area() const override { return w_ * h_; }
  std::string name() const override { return "rect"; }

 private:
  double w_, h_;
};

}  // namespace

std::unique_ptr<Shape> make_circle(double r) { return std::make_unique<Circle>(r); }
std::unique_ptr<Shape> make_rect(double w, double h) { return std::make_unique<Rect>(w, h); }

}  // namespace geo
