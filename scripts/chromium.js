// The system's Chromium, as every browser test, benchmark and the adopter test launch it:
// headless, no sandbox (CI runs as root), no GPU, and no network traffic of its own.
const chromiumLaunchOptions = {
  executablePath: process.env.MLOPS_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

module.exports = { chromiumLaunchOptions };
