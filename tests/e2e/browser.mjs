// End-to-end test of the search page: vigil-search as a CGI program behind a real web server,
// driven by a real browser (Debian's Chromium through playwright-core), checked for
// accessibility with axe-core. Run by tests/e2e/run.sh, which starts the server.
//   node browser.mjs URL SCREENSHOT_DIR VIGIL_SEARCH
// URL: the search page (http://127.0.0.1:PORT/search); SCREENSHOT_DIR: where the screenshots go;
// VIGIL_SEARCH: the binary, run directly once to check the answer when the index cannot be
// opened. Environment: VIGIL_NPM_DIR (node_modules with playwright-core and axe-core),
// VIGIL_CHROMIUM (default /usr/bin/chromium), VIGIL_E2E_QUERY (default "forced labour", which
// has several pages of results in the news corpus) and VIGIL_E2E_MISSPELT (default
// "forced labur", a query whose spelling suggestion has results).
// Prints one line per check and a closing "N passed, N failed" line.
// Exit codes: 0 every check passed, 1 a check failed, 2 usage error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [base, shotDir, searchBin] = process.argv.slice(2);
if (!base || !shotDir || !searchBin) {
  console.error('usage: node browser.mjs URL SCREENSHOT_DIR VIGIL_SEARCH');
  process.exit(2);
}
const npm = process.env.VIGIL_NPM_DIR ?? '';
const { chromium } = await import(pathToFileURL(join(npm, 'playwright-core', 'index.mjs')).href);
const axeSource = readFileSync(join(npm, 'axe-core', 'axe.min.js'), 'utf8');
const query = process.env.VIGIL_E2E_QUERY ?? 'forced labour';
const misspelt = process.env.VIGIL_E2E_MISSPELT ?? 'forced labur';

// --- a small harness: every check runs, failures are counted and reported at the end ---
let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    const note = await fn();
    passed += 1;
    console.log(`ok - ${name}${note ? ` (${note})` : ''}`);
  } catch (err) {
    failed += 1;
    console.log(`not ok - ${name}: ${err.message.split('\n').join('\n    ')}`);
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message);
}
const url = (params) => `${base}?${new URLSearchParams(params)}`;
// "1,234 results" -> 1234; the first number in the status line.
function parseCount(text) {
  const m = /([\d,]+)/.exec(text ?? '');
  expect(m, `no number in the result count ${JSON.stringify(text)}`);
  return Number(m[1].replaceAll(',', ''));
}

// --- HTTP: status codes, headers, formats (no browser) ---
await check('GET answers 200 with the security headers', async () => {
  const r = await fetch(base);
  expect(r.status === 200, `status ${r.status}`);
  expect(/^text\/html/.test(r.headers.get('content-type') ?? ''), `Content-Type ${r.headers.get('content-type')}`);
  const csp = r.headers.get('content-security-policy');
  expect(csp, 'no Content-Security-Policy header');
  expect(r.headers.get('x-content-type-options') === 'nosniff', 'X-Content-Type-Options is not nosniff');
  return `CSP: ${csp}`;
});
await check('HEAD answers 200 without a body', async () => {
  const r = await fetch(url({ q: query }), { method: 'HEAD' });
  expect(r.status === 200, `status ${r.status}`);
  expect(/^text\/html/.test(r.headers.get('content-type') ?? ''), `Content-Type ${r.headers.get('content-type')}`);
  const body = await r.text();
  expect(body === '', `a body of ${body.length} bytes`);
});
await check('POST answers 405', async () => {
  const r = await fetch(base, {
    method: 'POST',
    body: `q=${encodeURIComponent(query)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(r.status === 405, `status ${r.status}`);
  return `Allow: ${r.headers.get('allow')}`;
});
// (lighttpd itself answers 400 to some bytes, such as %FF and %00, before the CGI runs.)
const invalid = [
  ['page', 'page=abc'], ['sort', 'sort=dat'], ['year', 'year=21'], ['from', 'from=2021-13'],
  ['to', 'from=2021&to=2020'], ['q', 'q=a&q=b'], ['q', 'q=%C3%28'], ['q', 'q=%ED%A0%80'],
];
for (const [param, parameters] of invalid) {
  await check(`invalid ${parameters} answers 400 with a page naming '${param}'`, async () => {
    const r = await fetch(`${base}?${parameters.startsWith('q=') ? '' : 'q=labour&'}${parameters}`);
    expect(r.status === 400, `status ${r.status}`);
    const body = await r.text();
    const names = new RegExp(`(&#39;|'|")${param}(&#39;|'|")|\\b${param}=`);
    expect(names.test(body), `the page does not name '${param}'`);
  });
}
await check('format=json answers the JSON results', async () => {
  const r = await fetch(url({ q: query, format: 'json' }));
  expect(r.status === 200, `status ${r.status}`);
  expect(/^application\/json/.test(r.headers.get('content-type') ?? ''), `Content-Type ${r.headers.get('content-type')}`);
  const json = JSON.parse(await r.text());
  expect(json.total > 0, `total ${json.total}`);
  expect(Array.isArray(json.results) && json.results.length > 0, 'no results');
  expect(json.facets && typeof json.facets === 'object', 'no facets');
  return `total ${json.total}`;
});
await check('format=opensearch answers an OpenSearch description', async () => {
  const r = await fetch(url({ format: 'opensearch' }));
  expect(r.status === 200, `status ${r.status}`);
  const body = await r.text();
  expect(body.includes('OpenSearchDescription'), 'no OpenSearchDescription element');
  return r.headers.get('content-type');
});
for (const [asset, type] of [['style.css', /^text\/css/], ['search.js', /javascript/]]) {
  await check(`asset=${asset} is served, cacheable, and revalidated with 304`, async () => {
    const r = await fetch(url({ asset }));
    expect(r.status === 200, `status ${r.status}`);
    expect(type.test(r.headers.get('content-type') ?? ''), `Content-Type ${r.headers.get('content-type')}`);
    const etag = r.headers.get('etag');
    expect(etag, 'no ETag');
    const again = await fetch(url({ asset }), { headers: { 'if-none-match': etag } });
    expect(again.status === 304, `If-None-Match: status ${again.status}`);
    return `Cache-Control: ${r.headers.get('cache-control')}`;
  });
}
await check('asset=../ answers an error, never a file', async () => {
  const r = await fetch(url({ asset: '../../../../etc/passwd' }));
  expect(r.status >= 400 && r.status < 500, `status ${r.status}`);
  expect(!(await r.text()).includes('root:'), 'the body holds /etc/passwd');
});
await check('hostile parameters come back escaped', async () => {
  const hostile = [
    { q: '<script>alert(1)</script>' },
    { q: '"><img src=x onerror=alert(1)>' },
    { q: query, place: '"><svg onload=alert(1)>' },
  ];
  for (const params of hostile) {
    const r = await fetch(url(params));
    expect(r.status === 200 || r.status === 400, `status ${r.status} for ${JSON.stringify(params)}`);
    const body = await r.text();
    for (const raw of ['<script>alert', '<img src=x', '<svg onload']) {
      expect(!body.includes(raw), `'${raw}' unescaped in the page for ${JSON.stringify(params)}`);
    }
  }
  const body = await (await fetch(url(hostile[0]))).text();
  expect(body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the query does not appear escaped');
});
await check('an index that cannot be opened answers 503 with Retry-After', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  try {
    writeFileSync(join(dir, 'search.conf'), `db = ${join(dir, 'no-such-index')}\n`);
    const run = spawnSync(searchBin, [], {
      env: {
        PATH: process.env.PATH,
        GATEWAY_INTERFACE: 'CGI/1.1',
        REQUEST_METHOD: 'GET',
        QUERY_STRING: `q=${encodeURIComponent(query)}`,
        SERVER_NAME: '127.0.0.1',
        SERVER_PORT: '80',
        SCRIPT_NAME: '/search',
        VIGIL_CONFIG: join(dir, 'search.conf'),
      },
      encoding: 'utf8',
    });
    const head = run.stdout.split(/\r?\n\r?\n/)[0];
    expect(/^Status: 503/m.test(head), `headers:\n${head}`);
    expect(/^Retry-After: \d+/m.test(head), `no Retry-After in:\n${head}`);
    expect(!run.stdout.includes(dir), 'the page shows the server-side path');
    return `exit code ${run.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- the browser: Chromium, the page's own Content-Security-Policy in force ---
const browser = await chromium.launch({
  executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const pageProblems = [];  // script errors, refused resources (CSP), failed requests
const dialogs = [];
page.on('pageerror', (err) => pageProblems.push(`script error: ${err.message}`));
page.on('console', (msg) => {
  // Failed loads are judged below from the responses (the page itself may be a 400 on purpose).
  if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
    pageProblems.push(`console: ${msg.text()} (${page.url()})`);
  }
});
page.on('response', (response) => {
  const request = response.request();
  // Chromium asks every site for /favicon.ico; the CGI serves /search only.
  if (response.status() >= 400 && request.resourceType() !== 'document' &&
      !new URL(response.url()).pathname.endsWith('/favicon.ico')) {
    pageProblems.push(`HTTP ${response.status()} for ${response.url()}`);
  }
});
page.on('requestfailed', (request) => {
  // A fetch of the page's script cut short by leaving the page is no fault.
  if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
    pageProblems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  }
});
page.on('dialog', async (dialog) => {
  dialogs.push(dialog.message());
  await dialog.dismiss();
});
const resultCount = async () => parseCount(await page.textContent('#count'));
// Resolves once the main frame has navigated (true), or after timeout ms without (false).
const navigated = (timeout) =>
  page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout })
    .then(() => true, () => false);
const clickAndWait = async (locator) => {
  const nav = navigated(10000);
  await locator.click();
  expect(await nav, 'the click did not load a page');
  await page.waitForLoadState('load');
};

await check('the search form is labelled and accessible by role', async () => {
  await page.goto(base);
  expect(await page.$('form[role="search"]'), 'no form[role=search]');
  expect(await page.$('label[for="q"]'), 'no label for #q');
  expect(await page.$('input#q[name="q"][type="search"]'), 'no input#q of type search');
  expect(await page.$('#search-button'), 'no #search-button');
});
let firstCount = 0;
let firstTitles = [];
await check(`typing "${query}" and submitting lists highlighted results`, async () => {
  await page.goto(base);
  await page.fill('#q', query);
  await clickAndWait(page.locator('#search-button'));
  expect(new URL(page.url()).searchParams.get('q') === query, `URL ${page.url()}`);
  const results = await page.$$('ol.results li.result');
  expect(results.length > 0, 'no li.result');
  firstCount = await resultCount();
  expect(firstCount >= results.length, `count ${firstCount} < ${results.length} results shown`);
  // A title is a link only when the article has an http(s) URL (most of the corpus has ids).
  firstTitles = await page.$$eval('.result .title', (titles) => titles.map((t) => t.textContent));
  expect(firstTitles.length === results.length, `${firstTitles.length} titles for ${results.length} results`);
  const links = await page.$$eval('.result .title a', (as) => as.map((a) => a.protocol));
  expect(links.every((protocol) => protocol === 'http:' || protocol === 'https:'), `title links: ${links}`);
  const marks = await page.$$('.result .snippet mark');
  expect(marks.length > 0, 'no <mark> in the snippets');
  expect((await page.inputValue('#q')) === query, 'the search box does not keep the query');
  return `${firstCount} results, ${results.length} shown, ${marks.length} marks`;
});
await check('typing in the search box updates the results in place (search.js)', async () => {
  await page.goto(url({ q: query }));
  const before = await page.textContent('#count');
  const firstTitle = await page.textContent('.result .title');
  const other = 'refugees';
  let navigations = 0;
  const count = () => { navigations += 1; };
  page.on('framenavigated', count);
  try {
    await page.fill('#q', other);
    await page.waitForFunction((old) => document.querySelector('#count')?.textContent !== old, before, { timeout: 5000 });
    await page.waitForFunction((old) => document.querySelector('.result .title')?.textContent !== old, firstTitle, { timeout: 5000 });
  } finally {
    page.off('framenavigated', count);
  }
  const after = await page.textContent('#count');
  const json = await (await fetch(url({ q: other, format: 'json' }))).json();
  expect(parseCount(after) === json.total, `count '${after}', the JSON says ${json.total}`);
  expect(navigations === 0, `${navigations} page loads while typing`);
  return `'${before}' -> '${after}'`;
});
await check('a facet checkbox and "apply" narrow the results and stay checked', async () => {
  await page.goto(url({ q: query }));
  const boxes = await page.$$eval('#facet-form input[type=checkbox]', (inputs) =>
    inputs.map((input) => ({
      name: input.name,
      value: input.value,
      checked: input.checked,
      count: Number((input.parentElement?.querySelector('.count') ??
        input.nextElementSibling?.querySelector('.count') ??
        document.querySelector(`label[for="${input.id}"] .count`))?.textContent?.replace(/\D/g, '') ?? 'NaN'),
    })));
  expect(boxes.length > 0, 'no checkbox in #facet-form');
  const total = await resultCount();
  const box = boxes.find((b) => !b.checked && b.count > 0 && b.count < total);
  expect(box, `no unchecked facet value with a count below ${total}: ${JSON.stringify(boxes.slice(0, 5))}`);
  const selector = `#facet-form input[type=checkbox][name="${box.name}"][value="${box.value}"]`;
  // The page's script may submit the form as soon as a box changes; else "apply" does.
  const nav = navigated(1500);
  await page.click(selector);
  if (await nav) {
    await page.waitForLoadState('load');
  } else {
    await clickAndWait(page.locator('#apply-filters'));
  }
  expect(new URL(page.url()).searchParams.getAll(box.name).includes(box.value), `URL ${page.url()}`);
  const narrowed = await resultCount();
  expect(narrowed < total, `count ${narrowed}, was ${total}`);
  expect(narrowed === box.count, `count ${narrowed}, the facet said ${box.count}`);
  expect(await page.isChecked(selector), 'the checkbox is not checked on the new page');
  return `${box.name}=${box.value}: ${total} -> ${narrowed}`;
});
await check('a[rel=next] goes to the next page and a[rel=prev] back', async () => {
  await page.goto(url({ q: query }));
  const next = page.locator('nav[aria-label="Pages"] a[rel=next]');
  expect(await next.count() === 1, 'no single a[rel=next] in nav[aria-label=Pages]');
  await clickAndWait(next);
  expect(new URL(page.url()).searchParams.get('page') === '2', `URL ${page.url()}`);
  const titles = await page.$$eval('.result .title', (ts) => ts.map((t) => t.textContent));
  expect(titles.length > 0, 'page 2 shows no result');
  expect(titles.join('\n') !== firstTitles.join('\n'), 'page 2 shows the titles of page 1');
  const prev = page.locator('nav[aria-label="Pages"] a[rel=prev]');
  expect(await prev.count() === 1, 'no a[rel=prev] on page 2');
  await clickAndWait(prev);
  const back = await page.$$eval('.result .title', (ts) => ts.map((t) => t.textContent));
  expect(back.join('\n') === firstTitles.join('\n'), 'a[rel=prev] does not lead back to page 1');
});
await check('a bar of the date histogram narrows the results', async () => {
  await page.goto(url({ q: query }));
  const bars = page.locator('svg.timeline a, .timeline svg a');
  const n = await bars.count();
  expect(n > 0, 'no link in the timeline svg');
  expect(await page.locator('.timeline a rect, svg.timeline a rect').count() === n, 'a link without a rect');
  const total = await resultCount();
  await clickAndWait(bars.first());
  const narrowed = await resultCount();
  expect(narrowed > 0 && (n === 1 ? narrowed <= total : narrowed < total), `count ${narrowed}, was ${total}, ${n} bars`);
  return `${n} bars; ${total} -> ${narrowed} (${new URL(page.url()).search})`;
});
await check('an organisation or place chip filters on its value', async () => {
  await page.goto(url({ q: query }));
  const chip = page.locator('.result .chips a').first();
  expect(await chip.count() === 1, 'no .chips a');
  const total = await resultCount();
  await clickAndWait(chip);
  const params = new URL(page.url()).searchParams;
  expect(params.has('org') || params.has('place'), `URL ${page.url()}`);
  const narrowed = await resultCount();
  expect(narrowed > 0 && narrowed <= total, `count ${narrowed}, was ${total}`);
  return `${total} -> ${narrowed}`;
});
await check('the sort links order by date', async () => {
  await page.goto(url({ q: query }));
  const links = await page.$$eval('nav[aria-label="Sort"] a', (as) => as.map((a) => a.href));
  const byDate = links.find((href) => new URL(href).searchParams.get('sort') === '-date');
  expect(byDate, `no sort=-date link among ${links.join(' ')}`);
  await page.goto(byDate);
  const json = await (await fetch(url({ q: query, sort: '-date', format: 'json' }))).json();
  const dates = json.results.map((r) => r.date).filter(Boolean);
  expect(dates.every((d, i) => i === 0 || dates[i - 1] >= d), `dates not newest first: ${dates.join(' ')}`);
  expect((await page.$$('ol.results li.result')).length === json.results.length, 'HTML and JSON pages differ in length');
});
await check(`the misspelt "${misspelt}" offers "did you mean", which finds results`, async () => {
  await page.goto(url({ q: misspelt }));
  const link = page.locator('.did-you-mean a').first();
  expect(await link.count() > 0, `no .did-you-mean a for '${misspelt}'`);
  const suggestion = await link.textContent();
  await clickAndWait(link);
  const count = await resultCount();
  expect(count > 0, `no result for the suggestion '${suggestion}'`);
  return `'${misspelt}' -> '${suggestion}': ${count} results`;
});
await check('a script in the query is shown as text, never run', async () => {
  const hostile = '<script>alert(1)</script>';
  await page.goto(url({ q: hostile }));
  expect(await page.$('script:not([src])') === null, 'an inline <script> element is in the page');
  expect((await page.inputValue('#q')) === hostile, 'the search box does not show the query as typed');
  await page.waitForTimeout(200);
  expect(dialogs.length === 0, `a dialog opened: ${dialogs.join(', ')}`);
});
await check('no script error, refused resource (CSP) or failed request on any page', async () => {
  expect(pageProblems.length === 0, pageProblems.join('\n'));
});

// --- screenshots: desktop and a 375 px phone ---
mkdirSync(shotDir, { recursive: true });
const shots = [];
await check('screenshots (desktop 1280 px, phone 375 px)', async () => {
  await page.goto(url({ q: query }));
  shots.push(join(shotDir, 'results-desktop.png'));
  await page.screenshot({ path: shots.at(-1), fullPage: true });
  const phone = await browser.newContext({
    viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(url({ q: query }));
  shots.push(join(shotDir, 'results-phone.png'));
  await phonePage.screenshot({ path: shots.at(-1), fullPage: true });
  const width = await phonePage.evaluate(() => document.documentElement.scrollWidth);
  await phonePage.goto(base);
  shots.push(join(shotDir, 'home-phone.png'));
  await phonePage.screenshot({ path: shots.at(-1), fullPage: true });
  await phone.close();
  for (const shot of shots) console.log(`# screenshot: ${shot}`);
  expect(width <= 375, `the phone page scrolls sideways: ${width} px wide`);
});

// --- accessibility: axe-core on each kind of page, desktop and phone ---
// axe is injected as an inline script, which the page's CSP refuses: this context bypasses it.
const axePages = [
  ['home', base],
  ['results', url({ q: query })],
  ['filtered results, page 2', null],
  ['no results', url({ q: 'zzzqqqxxyy' })],
  ['invalid parameter (400)', url({ q: query, page: 'abc' })],
];
for (const [viewportName, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
  const axeContext = await browser.newContext({ bypassCSP: true, viewport });
  const axePage = await axeContext.newPage();
  for (const [name, target] of axePages) {
    await check(`axe-core: no serious or critical violation on ${name} (${viewportName})`, async () => {
      if (target) {
        await axePage.goto(target);
      } else {
        await axePage.goto(url({ q: query }));
        const box = axePage.locator('#facet-form input[type=checkbox]').first();
        const params = new URLSearchParams({ q: query, page: '2' });
        if (await box.count()) params.append(await box.getAttribute('name'), await box.getAttribute('value'));
        await axePage.goto(`${base}?${params}`);
      }
      await axePage.addScriptTag({ content: axeSource });
      const violations = await axePage.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
        }));
      });
      for (const v of violations) {
        console.log(`# axe ${viewportName} ${name}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).join(', ')})`);
      }
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.length === 0, `${bad.length} serious or critical: ${bad.map((v) => v.id).join(', ')}`);
      return `${violations.length} minor or moderate`;
    });
  }
  await axeContext.close();
}

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
