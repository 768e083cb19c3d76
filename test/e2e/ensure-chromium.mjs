// Browser tests drive Debian's Chromium (the test tool's own browser download is not available),
// with a Chinese font, as every tablet in the field has: without one Chromium draws boxes of
// another width, and what wraps, clips or sits under a sticky bar at 200 % text is not what users
// see (a records row at 200 % text was cut by 2 px with the font, and fit without it).
// When either is missing and we are root, install it with apt-get.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.PINGYI_CHROMIUM ?? '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(existsSync(CJK_FONT) ? [] : ['fonts-wqy-microhei'])];
if (missing.length === 0) process.exit(0);
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  console.error(`Missing for the browser tests: ${missing.join(', ')}. Install: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Missing for the browser tests: ${missing.join(', ')}: installing Debian's packages with apt-get …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -qq', { stdio: 'inherit', env });
execSync(`apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit', env });
for (const [what, file] of [
  ['Chromium', CHROMIUM],
  ['The Chinese font', CJK_FONT],
]) {
  if (!existsSync(file)) {
    console.error(`apt-get finished but ${what} is still missing (${file}).`);
    process.exit(1);
  }
}
