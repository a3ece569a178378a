#include "firmware-host/menu/menu_list.h"

#include <algorithm>

#include "firmware-host/menu/menu_screen.h"

namespace smsdesk::menu {
namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

}  // namespace

PagedList::PagedList(NumberedList list, std::size_t max_chars) : list_(std::move(list)), max_chars_(max_chars) {
  const std::size_t n = list_.items.size();
  heading_cost_ = CountText(list_.heading);
  more_cost_ = CountText(list_.more_line);
  back_cost_ = CountText(list_.back_line);
  notice_cost_ = CountText(list_.notice_line);
  for (const std::string& item : list_.items) item_costs_.push_back(CountText(item));
  if (max_chars_ == 0 || n == 0) {
    pages_.push_back(Page{0, n, true});
    return;
  }
  for (std::size_t first = 0; first < n;) {
    Page chosen{first, first + 1, false};  // one item even if it must be cut
    for (bool heading : {true, false}) {
      if (heading && list_.heading.empty()) continue;
      auto fits = [&](std::size_t end) {
        return PageFits(pages_.size(), Page{first, end, heading}, false) &&
               PageFits(pages_.size(), Page{first, end, false}, true);
      };
      // Pages with "98. More": each item only adds length (and may only turn
      // the screen into UCS-2, lowering the limit), so stop at the first
      // misfit. The last page has no "98. More": tried on its own.
      std::size_t best = 0;
      for (std::size_t end = first + 1; end < n && fits(end); ++end) best = end;
      if (fits(n)) best = n;
      if (best > 0) {
        chosen = Page{first, best, heading};
        break;
      }
    }
    pages_.push_back(chosen);
    first = chosen.end;
  }
}

bool PagedList::Fits(const std::string& text) const {
  return max_chars_ == 0 || MeasureScreen(text, max_chars_).fits();
}

// Text(page_index, page) fits, computed from the lines' costs.
bool PagedList::PageFits(std::size_t page_index, const Page& page, bool notice) const {
  TextCost total;
  std::size_t lines = 0;
  auto add = [&](const std::string& line, const TextCost& cost) {
    if (line.empty()) return;  // JoinLines skips it too
    total += cost;
    ++lines;
  };
  if (notice) add(list_.notice_line, notice_cost_);
  if (page.heading) add(list_.heading, heading_cost_);
  for (std::size_t i = page.first; i < page.end; ++i) add(list_.items[i], item_costs_[i]);
  if (page.end < list_.items.size()) add(list_.more_line, more_cost_);
  if (page_index > 0 || list_.back_on_first_page) add(list_.back_line, back_cost_);
  if (lines > 1) total += TextCost{.septets = lines - 1, .units = lines - 1};  // the '\n's
  return total.Size(max_chars_).fits();
}

// The lines after the items: "98. More" while items remain, then "0. Back".
std::vector<std::string> PagedList::Footer(std::size_t page_index, const Page& page) const {
  std::vector<std::string> footer;
  if (page.end < list_.items.size()) footer.push_back(list_.more_line);
  if (page_index > 0 || list_.back_on_first_page) footer.push_back(list_.back_line);
  return footer;
}

std::string PagedList::Text(std::size_t page_index, const Page& page) const {
  std::vector<std::string> lines;
  if (page.heading) lines.push_back(list_.heading);
  lines.insert(lines.end(), list_.items.begin() + static_cast<std::ptrdiff_t>(page.first),
               list_.items.begin() + static_cast<std::ptrdiff_t>(page.end));
  for (std::string& line : Footer(page_index, page)) lines.push_back(std::move(line));
  return JoinLines(lines);
}

std::size_t PagedList::PageOf(std::size_t index) const {
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    if (index < pages_[p].end) return p;
  }
  return pages_.size() - 1;
}

std::string PagedList::Render(std::size_t page_index, bool notice) const {
  page_index = std::min(page_index, pages_.size() - 1);
  Page page = pages_[page_index];
  const std::string top = notice ? list_.notice_line : "";
  if (Fits(JoinLines({top, Text(page_index, page)}))) return JoinLines({top, Text(page_index, page)});
  page.heading = false;
  if (Fits(JoinLines({top, Text(page_index, page)})) || page.first == page.end) {
    return JoinLines({top, Text(page_index, page)});
  }
  // A single item too long for any screen: cut its title, keep the numbers
  // below it (the more/back lines) usable.
  const std::string footer = JoinLines(Footer(page_index, page));
  return CutToFit(JoinLines({top, list_.items[page.first]}), footer.empty() ? "" : "\n" + footer, max_chars_);
}

}  // namespace smsdesk::menu
