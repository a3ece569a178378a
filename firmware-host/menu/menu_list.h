// NumberedList: one menu screen before layout (a heading, numbered lines,
// "98. More" / "0. Back"); PagedList: its USSD pages. Values; pagination is
// pure, so the same list and limit always give the same pages (USSD replays
// every request from the root).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "firmware-host/menu/menu_screen.h"

namespace smsdesk::menu {

struct NumberedList {
  std::string heading;              // the greeting or the menu's title; may be empty
  std::vector<std::string> items;   // whole lines: "3. Weather alerts"
  std::string more_line;            // "98. More"
  std::string back_line;            // "0. Back"
  bool back_on_first_page = false;  // sub-menus; the root and the language picker have none
  std::string notice_line;          // above the list after an invalid choice: "Invalid choice."
};

// Pages fill greedily: as many items as fit with the heading (the heading is
// dropped on a page where not even one item fits beside it), then "98. More"
// while items remain, "0. Back" on sub-menus and on every later page. Each
// page also leaves room for the notice line in place of the heading, so that
// an invalid choice always shows the same page under the notice.
// max_chars 0: no limit, one page (SMS).
class PagedList {
 public:
  PagedList(NumberedList list, std::size_t max_chars);

  std::size_t page_count() const { return pages_.size(); }
  // The page that shows item `index` (0-based).
  std::size_t PageOf(std::size_t index) const;
  // The text of `page` (clamped to the last); `notice`: the notice line on
  // top, in place of the heading when both do not fit.
  std::string Render(std::size_t page, bool notice = false) const;

 private:
  struct Page {
    std::size_t first = 0;
    std::size_t end = 0;  // one past the last item shown
    bool heading = true;
  };
  std::vector<std::string> Footer(std::size_t page_index, const Page& page) const;
  std::string Text(std::size_t page_index, const Page& page) const;
  bool Fits(const std::string& text) const;
  bool PageFits(std::size_t page_index, const Page& page, bool notice) const;

  NumberedList list_;
  std::size_t max_chars_;
  // Each line measured once: a page's size is the sum of its lines' and newlines'.
  TextCost heading_cost_, more_cost_, back_cost_, notice_cost_;
  std::vector<TextCost> item_costs_;
  std::vector<Page> pages_;
};

}  // namespace smsdesk::menu
