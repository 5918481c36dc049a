// The root's `postinstall` (package.json; the root is private, so no published package carries it):
// `npm ci` installs the Node runtimes and TypeScript compilers of scripts/toolchains too, so that
// installing the project is one step and `npm test` only tests. ensureToolchains() does nothing when
// they are already installed from the current lockfile, and `npm test` still calls it, so an install
// that skipped this (`--ignore-scripts`, or a failure here) is made up for there.
import { ensureToolchains } from "./toolchains.mjs";

try {
  ensureToolchains();
} catch (error) {
  // Only the tests use these: a failed download must not fail the install of the project itself.
  console.warn(`${error.message}\n(npm test installs them on its first run)`);
}
