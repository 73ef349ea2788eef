"""Moving through a page with the keyboard only: Tab and Shift+Tab to reach a control, then Space, Enter,
the arrow keys or typing. The tests read the focus and the values to know where they are, never to act."""

from __future__ import annotations

FOCUSED_MATCHES = "s => !!document.activeElement && document.activeElement.matches(s)"
# Where the target lies from the focused element: forward (Tab) or backward (Shift+Tab).
DIRECTION = """s => {
  const target = document.querySelector(s);
  if (!target) { return 'missing'; }
  const here = document.activeElement;
  if (!here || here === document.body) { return 'Tab'; }
  return here.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? 'Shift+Tab' : 'Tab';
}"""
# A keyboard user must see where the focus is (WCAG 2.4.7): an outline, or the browser's own focus ring.
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
}"""


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab (or Shift+Tab, if the control is behind) until ``selector`` has the focus."""
    key = page.evaluate(DIRECTION, selector)
    assert key != "missing", f"{selector} is not on {page.url}"
    for _ in range(limit):
        if page.evaluate(FOCUSED_MATCHES, selector):
            assert page.evaluate(FOCUS_VISIBLE), f"the focus on {selector} is not visible ({page.url})"
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} cannot be reached with {key} on {page.url}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(str(text))
    assert page.evaluate("s => document.querySelector(s).value", selector) == str(text), selector


def type_date(page, selector: str, iso: str) -> None:
    """A date input takes its digits in the order of the browser's own date format: Chromium here shows
    mm/dd/yyyy (the value is checked, so another order fails loudly rather than saving a wrong date)."""
    tab_to(page, selector)
    year, month, day = iso.split("-")
    page.keyboard.type(month + day + year)
    assert page.evaluate("s => document.querySelector(s).value", selector) == iso, (selector, iso)


def choose(page, selector: str, value: str) -> None:
    """Pick an option of a closed <select> with the arrow keys."""
    tab_to(page, selector)
    page.keyboard.press("Home")
    options = page.evaluate("s => [...document.querySelector(s).options].map(o => o.value)", selector)
    assert value in options, (selector, value, options)
    for _ in range(options.index(value)):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("s => document.querySelector(s).value", selector) == value, (selector, value)


def tick(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("s => document.querySelector(s).checked", selector), selector


def press(page, selector: str) -> None:
    """Reach a link or button and press Enter; it loads the next page."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_file(page, selector: str, path) -> None:
    """Reach a file input and open the file chooser with Space, as a keyboard user does (the page should already
    listen for "filechooser", so that Chromium hands the chooser to the test from the first key press)."""
    tab_to(page, selector)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(path))
