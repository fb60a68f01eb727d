#!/usr/bin/env python3
"""Checks report.html in headless Chromium (scripts/check-report.sh runs it).

    check_report.py REPORT.html SCREENSHOT.png

Asserts on the live DOM: the script ran without errors and listed the claims of its data (a
hundred a list, "Show more" for the next), filters change what is listed (and the URL fragment
reproduces a view), search finds a claim, a group and a claim expand, a link to a claim lists
it, an editor's decision shows and filters, the hostile strings are text (no element injected,
no alert), keys work, printing opens what is listed, and the page fits a phone's width. Writes
a screenshot. Exit 1 on failure.
"""
import os
import sys

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def driver():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--allow-file-access-from-files", "--window-size=1280,2000"):
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def visible_claims(d):
    return d.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('li.claim'), function (e) { return !e.hidden; })"
        ".map(function (e) { return [e.dataset.v, e.dataset.r, e.id]; });")


def load(d, url):
    d.get(url)
    WebDriverWait(d, 20).until(lambda d: d.execute_script("return document.documentElement.dataset.ready === '1'"))


def main():
    report, screenshot = os.path.abspath(sys.argv[1]), sys.argv[2]
    url = "file://" + report
    d = driver()
    try:
        load(d, url)
        try:
            d.switch_to.alert
            check(False, "no alert: a hostile string ran as script")
        except NoAlertPresentException:
            check(True, "no alert on load")
        errors = [entry for entry in d.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, "no script errors: %s" % errors)

        # Hostile strings are text: no element injected, the text is on the page.
        check(d.execute_script("return document.querySelectorAll('img').length") == 0, "no <img> injected")
        check(d.execute_script("return document.scripts.length") == 2, "two <script>s, the report's data and code")
        check(d.execute_script("return document.scripts[0].id === 'report-data' && document.scripts[0].type === 'application/json'"),
              "the claims are data (application/json), not code")
        check(d.execute_script("return document.querySelectorAll('[onerror]').length") == 0, "no onerror attribute")
        body = d.find_element(By.TAG_NAME, "body").text
        check("<script>alert('title')</script>" in body, "the hostile title renders as text")
        d.find_element(By.ID, "f-q").send_keys("onerror=alert")
        WebDriverWait(d, 5).until(lambda d: " of " in d.find_element(By.ID, "status").text)
        hostile = d.execute_script("return Array.prototype.map.call(document.querySelectorAll('li.claim .text'), function (e) { return e.textContent; })")
        check(any("<img src=x onerror=alert(1)>" in t for t in hostile), "the hostile claim is listed as text (%d found)" % len(hostile))
        check(d.execute_script("return document.querySelectorAll('img, [onerror]').length") == 0, "listing it injected no element")
        d.find_element(By.ID, "f-clear").click()
        total = int(d.execute_script("return document.documentElement.dataset.claims"))
        check(total > 200, "the data holds the claims (%d)" % total)

        everything = visible_claims(d)
        check(len(everything) > 50, "claims listed (%d)" % len(everything))
        Select(d.find_element(By.ID, "f-v")).select_by_value("confirmed")
        confirmed = visible_claims(d)
        check(0 < len(confirmed) < len(everything), "verdict filter: %d of %d" % (len(confirmed), len(everything)))
        check(all(v == "confirmed" for v, _, _ in confirmed), "verdict filter shows confirmed claims only")
        check("v=confirmed" in d.current_url, "filter state in the URL fragment (%s)" % d.current_url.split("#")[-1])
        shared = d.current_url
        Select(d.find_element(By.ID, "f-c")).select_by_value("hearsay")
        check(len(visible_claims(d)) == 0, "confirmed + hearsay cue: nothing")
        d.find_element(By.ID, "f-clear").click()
        check(len(visible_claims(d)) == len(everything), "clear shows every claim again")

        # A link reproduces a view.
        d.get("about:blank")
        load(d, shared)
        check(Select(d.find_element(By.ID, "f-v")).first_selected_option.get_attribute("value") == "confirmed",
              "the fragment restores the filter")
        check(len(visible_claims(d)) == len(confirmed), "the fragment restores the view")
        load(d, url)
        d.execute_script("history.replaceState(null, '', location.pathname)")

        # Search finds a claim by words of its text.
        target = d.execute_script("var e = document.querySelector('#unverified li.claim .text'); return e.textContent;")
        words = " ".join(target.split()[:6])
        search = d.find_element(By.ID, "f-q")
        search.send_keys(words)
        WebDriverWait(d, 5).until(lambda d: len(visible_claims(d)) < len(everything))
        found = d.execute_script(
            "return Array.prototype.filter.call(document.querySelectorAll('li.claim'), function (e) { return !e.hidden; })"
            ".map(function (e) { return e.querySelector('.text').textContent; });")
        check(target in found and len(found) <= 6, "search finds the claim (%r: %d shown)" % (words, len(found)))
        d.find_element(By.ID, "f-clear").click()

        # A group expands to each document's sentence.
        groups = d.find_elements(By.CSS_SELECTOR, "li.group")
        check(len(groups) > 0, "claims grouped across documents (%d groups)" % len(groups))
        if groups:
            members = groups[0].find_elements(By.CSS_SELECTOR, "li.member")
            check(not any(m.is_displayed() for m in members), "a group starts closed")
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", groups[0])
            groups[0].find_element(By.TAG_NAME, "summary").click()
            check(len(members) >= 2 and all(m.is_displayed() for m in members), "a group expands to its %d documents" % len(members))

        # A claim expands to its paragraph, the claim marked, and its reasons.
        claim = d.find_element(By.CSS_SELECTOR, "#unverified li.claim")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", claim)
        claim.find_element(By.TAG_NAME, "summary").click()
        WebDriverWait(d, 5).until(lambda d: claim.find_elements(By.CSS_SELECTOR, ".para"))
        para = claim.find_element(By.CSS_SELECTOR, ".para")
        check(para.is_displayed() and len(para.text) >= len(target) - 2, "a claim expands to its paragraph")
        check(len(claim.find_elements(By.CSS_SELECTOR, ".para .this")) == 1, "the claim is marked in its paragraph")
        check("Score" in claim.find_element(By.CSS_SELECTOR, ".score").text, "the score is explained")

        # A cue names whose words it reports: on hover, and in the opened claim's reasons.
        spoken = d.execute_script(
            "var m = document.querySelector('#unverified li.claim mark.cue[title*=\"speaker: \"]');"
            " return m ? [m.closest('li.claim'), m.title.split('speaker: ')[1]] : null;")
        check(spoken is not None, "a cue names its speaker on hover")
        if spoken:
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", spoken[0])
            spoken[0].find_element(By.TAG_NAME, "summary").click()
            WebDriverWait(d, 5).until(lambda d: spoken[0].find_elements(By.CSS_SELECTOR, "ul.reasons"))
            reasons = spoken[0].find_element(By.CSS_SELECTOR, "ul.reasons").text
            check(", speaker: " + spoken[1] in reasons, "the opened claim's cue names its speaker (%s)" % spoken[1])

        # An editor's decision shows and filters.
        Select(d.find_element(By.ID, "f-r")).select_by_value("yes")
        reviewed = visible_claims(d)
        check(len(reviewed) >= 1 and all(r for _, r, _ in reviewed), "review filter: %d reviewed claim entries" % len(reviewed))
        d.find_element(By.ID, "f-clear").click()

        # New since the last run.
        fresh = d.execute_script("return document.querySelectorAll('#new li.claim').length")
        check(fresh >= 1, "New since the last run lists the edited page's claims (%d)" % fresh)
        d.find_element(By.ID, "f-n").click()
        check(all(d.execute_script("return document.getElementById(arguments[0]).dataset.n", i) for _, _, i in visible_claims(d)),
              "new-only filter")
        d.find_element(By.ID, "f-clear").click()

        # Keys.
        d.find_element(By.TAG_NAME, "body").send_keys("/")
        check(d.switch_to.active_element.get_attribute("id") == "f-q", "/ focuses the search")
        d.switch_to.active_element.send_keys(Keys.ESCAPE)
        d.find_element(By.TAG_NAME, "body").send_keys("jj")
        check(len(d.find_elements(By.CSS_SELECTOR, "li.cur")) == 1, "j moves to a claim")

        # Sorting by score puts the highest first in each list.
        Select(d.find_element(By.ID, "f-s")).select_by_value("score")
        scores = d.execute_script("return Array.prototype.map.call(document.querySelectorAll('#unverified li.claim'), function (e) { return parseFloat(e.dataset.sc); });")
        check(scores == sorted(scores, reverse=True), "sort by score")
        d.find_element(By.ID, "f-clear").click()

        # A list longer than a page: "Show more" lists the next hundred.
        longest = d.execute_script("""var best = null; document.querySelectorAll('ol.claims').forEach(function (ol) {
            var row = document.querySelector('p.more-row[data-more="' + ol.dataset.list + '"]');
            if (row && !row.hidden && (!best || ol.children.length > 0)) best = ol.dataset.list; }); return best;""")
        check(longest is not None, "a list longer than a page has a Show more button (%s)" % longest)
        if longest:
            selector = 'ol[data-list="%s"] > li' % longest
            before = len(d.find_elements(By.CSS_SELECTOR, selector))
            button = d.find_element(By.CSS_SELECTOR, 'button.more-button[data-more="%s"]' % longest)
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.click()
            after = len(d.find_elements(By.CSS_SELECTOR, selector))
            check(before == 100 and after > before, "Show more lists more (%d -> %d)" % (before, after))
            # A link to a claim not listed yet lists its section far enough to show it.
            d.get("about:blank")
            load(d, url)
            d.find_element(By.CSS_SELECTOR, 'button.more-button[data-more="%s"]' % longest).click()
            last = d.execute_script("var l = document.querySelectorAll('%s'); return l[l.length - 1].id;" % selector)
            d.get("about:blank")
            load(d, url + "#" + last)
            check(len(d.find_elements(By.ID, last)) == 1, "a link to an entry past the first page lists it (#%s)" % last)
            d.execute_script("history.replaceState(null, '', location.pathname)")
            load(d, url)

        # Printing: what is listed, opened, with its paragraph and reasons.
        d.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        WebDriverWait(d, 5).until(lambda d: d.execute_script(
            "return Array.prototype.every.call(document.querySelectorAll('li.claim'), function (e) { return e.querySelector('details').open && e.querySelector('.para'); })"))
        check(True, "before printing every listed claim is open with its paragraph")
        load(d, url)

        d.execute_script("window.scrollTo(0, 0)")
        d.save_screenshot(screenshot)
        check(os.path.getsize(screenshot) > 10000, "screenshot written: %s" % screenshot)

        # A phone's width: nothing wider than the screen.
        d.set_window_size(390, 844)
        WebDriverWait(d, 5).until(lambda d: d.execute_script("return window.innerWidth") <= 400)
        overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, "fits a phone's width (overflow %dpx)" % overflow)
    finally:
        d.quit()
    if failures:
        print("check-report: %d check(s) failed" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("check-report: all checks passed")


if __name__ == "__main__":
    main()
