"""Opens the control dashboard in headless Chromium (Debian's chromium + chromium-driver, driven by
Selenium), clicks "plug" on station 0 and reports what the page shows, as one JSON line:
{"state": "C", "energy": [wh_before, wh_after], "rapi_or_control_log": n, "screenshot": path}.

Usage: dashboard_browser.py URL SCREENSHOT.png
Exit 0 when the page showed state C and a rising energy figure, 1 otherwise (the JSON says why).
"""
import json
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, screenshot = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,980"]:
    options.add_argument(argument)
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
result = {}
try:
    driver.get(url)
    wait = WebDriverWait(driver, 30, poll_frequency=0.2)
    station = '#station-0 '
    plug = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, station + 'button[data-action="plug"]'))
    plug.click()

    def field(name):
        return driver.find_element(By.CSS_SELECTOR, station + '[data-field="%s"]' % name).text

    def energy():
        match = re.match(r"([0-9.]+) Wh", field("meter.energy"))
        return float(match.group(1)) if match else None

    wait.until(lambda d: field("evse.state") == "C")
    wait.until(lambda d: (energy() or 0) > 0)
    first = energy()
    wait.until(lambda d: energy() > first)
    # Let the charts gather a few points before the picture is taken.
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, station + '[data-chart="power"] polyline')) > 0)
    time.sleep(3)
    result = {
        "state": field("evse.state"),
        "energy": [first, energy()],
        "result": field("result"),
        "controlLog": len(driver.find_elements(By.CSS_SELECTOR, station + ".log li")),
        "screenshot": screenshot,
    }
    driver.save_screenshot(screenshot)
finally:
    driver.quit()
print(json.dumps(result))
sys.exit(0 if result.get("state") == "C" and result["energy"][1] > result["energy"][0] else 1)
