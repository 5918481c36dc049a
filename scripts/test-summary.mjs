// Prints the plain closing line CI reads ("vitest: N passed, N failed, N skipped") from Vitest's JSON
// report, so the count of tests that ran is visible whatever reporter is on screen.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(".tmp/vitest.json", "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numTotalTests === 0) {
  console.error("No test ran.");
  process.exit(1);
}
