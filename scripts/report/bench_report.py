#!/usr/bin/env python3
"""Times report.html in headless Chromium: open (navigation to the script ready) and a filter,
a search, a sort and "Show more" answering (scripts/bench/report-browser.sh runs it).

    bench_report.py REPORT.html [RUNS]

Prints the median of RUNS (default 3) fresh loads in milliseconds; exit 1 when any of them
takes 2 s or more.
"""
import os
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

MEASURE = """
var form = document.getElementById('tools'), t0 = performance.now();
function answer(el, value, kind) {
  var start = performance.now();
  el.value = value; el.dispatchEvent(new Event(kind, {bubbles: true}));
  void document.body.offsetHeight;  // style and layout of what changed
  return performance.now() - start;
}
var filter = answer(form.elements.v, 'unverified', 'change');
var cue = answer(form.elements.c, 'hearsay', 'change');
answer(form.elements.c, '', 'change'); answer(form.elements.v, '', 'change');
var sort = answer(form.elements.s, 'score', 'change');
answer(form.elements.s, '', 'change');
var more = performance.now(), button = document.querySelector('p.more-row:not([hidden]) button.more-button');
if (button) { button.click(); void document.body.offsetHeight; }
more = performance.now() - more;
var shown = document.querySelectorAll('li.claim').length;
return {filter: filter, cue: cue, sort: sort, more: more, claims: +document.documentElement.dataset.claims, shown: shown,
        open: performance.getEntriesByName('claimsieve-ready')[0].startTime};
"""

SEARCH = """
var done = arguments[arguments.length - 1], q = document.getElementById('f-q'), start = performance.now();
q.value = arguments[0]; q.dispatchEvent(new Event('input', {bubbles: true}));
var wait = setInterval(function () {
  if (document.getElementById('status').textContent.indexOf(' of ') >= 0) {
    clearInterval(wait); void document.body.offsetHeight; done(performance.now() - start - 120);
  }
}, 5);
"""


def main():
    report = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    d = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    d.set_script_timeout(30)
    results = []
    try:
        for _ in range(runs):
            d.get("about:blank")
            d.get("file://" + report)
            WebDriverWait(d, 60).until(lambda d: d.execute_script("return document.documentElement.dataset.ready === '1'"))
            result = d.execute_script(MEASURE)
            result["search"] = d.execute_async_script(SEARCH, "reportedly")
            results.append(result)
    finally:
        d.quit()
    median = {key: statistics.median(r[key] for r in results) for key in ("open", "filter", "cue", "sort", "more", "search")}
    size = os.path.getsize(report) / 1e6
    print("report.html: %.1f MB, %d claims (%d entries listed); median of %d loads in headless Chromium:"
          % (size, results[0]["claims"], results[0]["shown"], runs))
    for key, label in (("open", "open (navigation to ready)"), ("filter", "filter by verdict"), ("cue", "filter by cue"),
                       ("sort", "sort by score"), ("more", "show 100 more"), ("search", "search (after the 120 ms typing pause)")):
        print("  %-40s %7.0f ms" % (label, median[key]))
    if max(median.values()) >= 2000:
        print("bench-report: over 2 s", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
