/**
 * `npm run bench`: the trigger's cost as ratios against n8n's own Webhook node, in one run.
 * Prints the report and writes it to docs/benchmarks.md. Expects a build and the pinned n8n
 * versions installed (scripts/bench.sh sees to both), and PostgreSQL on loopback.
 *
 *   --quick            one short round per cell, for trying the bench out; writes no report
 *   --version X        only this pinned n8n version (repeatable)
 *   --no-explain       skip the runs with changed n8n settings that show where the time goes
 */
import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';

import { closeAll, N8N_VERSIONS } from '../test/e2e/harness';
import { n8nRuntime } from '../test/e2e/harness/runtime';
import { signedDeliveries } from './deliveries';
import { postgresGoal, triggerGoals, verifyGoals, type Goal } from './goals';
import { benchHandler } from './handler';
import { describeMachine, uptime } from './machine';
import { benchN8nVersion, type LoadSettings, type VersionResult } from './n8nLoad';
import { benchPostgresClaim } from './postgresClaim';
import { renderReport, type ExplainRun } from './report';
import { benchStaticData } from './staticData';
import { benchVerify } from './verify';

const REPORT_PATH = join(__dirname, '..', 'docs', 'benchmarks.md');
/** The explanation runs start only if the run so far has left time for them within 15 minutes. */
const EXPLAIN_START_BY_MS = 10 * 60_000;

/**
 * Runs that show where n8n's time goes: its default settings with its metrics on, to count the
 * expression isolates each variant takes per delivery; and the legacy expression engine, which
 * takes none.
 */
const EXPLAIN_SETTINGS: Array<Record<string, string>> = [
	{ N8N_METRICS: 'true' },
	{ N8N_EXPRESSION_ENGINE: 'legacy' },
];

const quick = process.argv.includes('--quick');

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

function chosenVersions(): string[] {
	const chosen = process.argv.flatMap((arg, i) =>
		arg === '--version' ? [process.argv[i + 1]] : [],
	);
	const unknown = chosen.filter((v) => !N8N_VERSIONS.includes(v));
	if (unknown.length > 0) {
		throw new Error(`Not pinned: ${unknown.join(', ')} (pinned: ${N8N_VERSIONS.join(', ')}).`);
	}
	return chosen.length > 0 ? chosen : [...N8N_VERSIONS];
}

const settings: LoadSettings = quick
	? {
			rounds: 1,
			durationMs: 2_000,
			warmupMs: 1_000,
			connections: [1, 16],
			maxRequestsPerCell: 20_000,
			countedDeliveries: 20,
		}
	: {
			rounds: 3,
			durationMs: 4_000,
			warmupMs: 2_000,
			connections: [1, 16],
			maxRequestsPerCell: 20_000,
			countedDeliveries: 100,
		};

async function main(): Promise<void> {
	const started = Date.now();
	const machine = describeMachine();
	const versions = chosenVersions();
	log(`bench: ${machine.nproc} CPUs, ${machine.uptime}`);

	log('verification alone...');
	const verify = benchVerify(quick ? { rounds: 9, batchMs: 10 } : { rounds: 31, batchMs: 20 });
	log('our handler alone...');
	const handler = await benchHandler({ maxSamples: quick ? 10 : 30, maxMs: 3_000 });
	log('static-data dedupe...');
	const staticData = await benchStaticData([10_000, 100_000], {
		maxSamples: 100,
		maxMs: quick ? 1_000 : 3_000,
	});
	log('Postgres claim...');
	const postgresClaim = await benchPostgresClaim({
		maxSamples: 1_000,
		maxMs: quick ? 1_000 : 3_000,
	});

	const results: VersionResult[] = [];
	for (const version of versions) {
		log(`n8n ${version}...`);
		results.push(await benchN8nVersion(version, settings, log));
	}

	const explain: ExplainRun[] = [];
	const skipped: string[] = [];
	const newest = versions[versions.length - 1];
	for (const env of process.argv.includes('--no-explain') ? [] : EXPLAIN_SETTINGS) {
		const setting = Object.entries(env)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ');
		if (Date.now() - started > EXPLAIN_START_BY_MS) {
			skipped.push(`n8n ${newest} with ${setting}: the run had used its time budget.`);
			continue;
		}
		log(`n8n ${newest} with ${setting}...`);
		const explainSettings = {
			...settings,
			rounds: 1,
			durationMs: 3_000,
			connections: [16],
			countedDeliveries: 10,
			env,
		};
		explain.push({ setting, result: await benchN8nVersion(newest, explainSettings, log) });
	}

	const goals: Goal[] = [
		...verifyGoals(verify),
		postgresGoal(postgresClaim.roundTripsPerClaim, 'PostgresStore on loopback'),
		...results.flatMap((result) => [
			...triggerGoals(result, 'triggerStatic', settings.connections),
			...triggerGoals(result, 'triggerPostgres', settings.connections),
			postgresGoal(result.postgresRoundTrips, `inside n8n ${result.version}`),
		]),
	];

	const report = renderReport({
		machine,
		n8nNode: execFileSync(n8nRuntime(versions[0]).node, ['--version'], { encoding: 'utf8' }).trim(),
		settings,
		deliveryBytes: signedDeliveries(1)[0].body.length,
		verify,
		handlerCpuUs: handler.cpuUs,
		staticData,
		postgresClaim,
		versions: results,
		explain,
		goals,
		durationSeconds: (Date.now() - started) / 1000,
		uptimeAtEnd: uptime(),
		skipped,
	});
	process.stdout.write(`${report}\n`);
	if (quick) {
		log('Quick run: docs/benchmarks.md left as it was.');
	} else {
		writeFileSync(REPORT_PATH, report);
		log(`Written to ${REPORT_PATH}.`);
	}
}

main()
	.catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exitCode = 1;
	})
	.finally(async () => {
		// Anything a failed section left running (n8n, sinks) is stopped before exiting.
		await closeAll().catch(() => undefined);
		process.exit();
	});
