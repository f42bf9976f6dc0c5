// Prints jest's totals as one plain line ("tests: N passed, N failed, N skipped") for CI readers.
const fs = require('fs');

const file = process.argv[2];
if (!fs.existsSync(file)) {
	process.stdout.write('tests: 0 passed, 1 failed\n');
	process.exit(0);
}
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
const skipped = results.numPendingTests + results.numTodoTests;
process.stdout.write(`tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
